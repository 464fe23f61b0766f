/*
 * keymap.c - from a key to a request, from the one table in request.h (layer: TUI).
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui.h"

static const char *const request_keys[] = {"",
#define REQUEST_KEYS(name, keys, help) keys,
					   REQUEST_TABLE(REQUEST_KEYS)
#undef REQUEST_KEYS
};

static const char *const request_help[] = {"",
#define REQUEST_HELP(name, keys, help) help,
					   REQUEST_TABLE(REQUEST_HELP)
#undef REQUEST_HELP
};

static const struct {
	const char *name;
	int key;
} named_keys[] = {
    {"<Up>", KEYMAP_CODE(KEY_UP)},
    {"<Down>", KEYMAP_CODE(KEY_DOWN)},
    {"<Left>", KEYMAP_CODE(KEY_LEFT)},
    {"<Right>", KEYMAP_CODE(KEY_RIGHT)},
    {"<Home>", KEYMAP_CODE(KEY_HOME)},
    {"<End>", KEYMAP_CODE(KEY_END)},
    {"<PgDn>", KEYMAP_CODE(KEY_NPAGE)},
    {"<PgUp>", KEYMAP_CODE(KEY_PPAGE)},
    {"<Enter>", '\n'},
    {"<Esc>", 27},
    {"<Backspace>", KEYMAP_CODE(KEY_BACKSPACE)},
    {"<Del>", KEYMAP_CODE(KEY_DC)},
    {"<Tab>", '\t'},
    {"<Space>", ' '},
    {"<F1>", KEYMAP_CODE(KEY_F(1))},
};

/* The code of one key as the table writes it; -1 when unknown. */
static int key_code(const char *name, size_t len)
{
	if (len == 2 && name[0] == '^')
		return name[1] & 0x1f;
	if (len == 1)
		return (unsigned char)name[0];
	for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
		if (strlen(named_keys[i].name) == len && !strncmp(named_keys[i].name, name, len))
			return named_keys[i].key;
	return -1;
}

enum request keymap_request(int key)
{
	/* Terminals send Enter as CR or LF, Backspace as DEL or ^H. */
	if (key == '\r' || key == KEYMAP_CODE(KEY_ENTER))
		key = '\n';
	if (key == 127 || key == 8)
		key = KEYMAP_CODE(KEY_BACKSPACE);
	for (int r = REQ_NONE + 1; r < REQ_COUNT_ALL; r++) {
		const char *p = request_keys[r];
		while (*p) {
			size_t len = strcspn(p, " ");
			if (key_code(p, len) == key)
				return (enum request)r;
			p += len;
			p += strspn(p, " ");
		}
	}
	return REQ_NONE;
}

const char *keymap_keys(enum request request)
{
	return request > REQ_NONE && request < REQ_COUNT_ALL ? request_keys[request] : "";
}

const char *keymap_help(enum request request)
{
	return request > REQ_NONE && request < REQ_COUNT_ALL ? request_help[request] : "";
}

void tui_print_keys(void)
{
	for (int r = REQ_NONE + 1; r < REQ_COUNT_ALL; r++)
		printf("%s\t%s\n", request_keys[r], request_help[r]);
}
