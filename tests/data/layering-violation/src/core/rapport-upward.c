/* A fixture for check-layering: core reaching up into GTK and the store. */
#include <gtk/gtk.h>
#include "rapport-database.h"
