/* A fixture for check-layering: a store header, so including it from core is upward. */
#pragma once
