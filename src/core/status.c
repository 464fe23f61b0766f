/* status.c - messages for enum status (layer: core). */
#include "crimeview/status.h"

static const char *const status_messages[] = {
#define STATUS_MESSAGE(name, message) [name] = message,
	STATUS_TABLE(STATUS_MESSAGE)
#undef STATUS_MESSAGE
};

const char *status_message(enum status status)
{
	if ((unsigned)status >= sizeof(status_messages) / sizeof(status_messages[0]))
		return "unknown error";
	return status_messages[status];
}
