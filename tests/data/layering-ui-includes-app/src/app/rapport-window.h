/* A fixture for check-layering: the window shell, in src/app. */
#pragma once
