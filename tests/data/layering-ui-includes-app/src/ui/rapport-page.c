/* A fixture for check-layering: a widget reaching up into the window shell,
 * its only violation. */
#include "rapport-window.h"
