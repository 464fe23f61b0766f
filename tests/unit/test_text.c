/* test_text.c - encodings, UTF-8 checks, terminal-safe text and display widths. */
#include "crimeview/text.h"
#include "tap.h"

/* The sanitized form of a string with explicit length (it may hold NUL). Caller frees. */
static char *sanitized(const char *s, size_t len, unsigned flags)
{
	struct strbuf out = STRBUF_INIT;
	text_sanitize(s, len, flags, &out);
	return strbuf_detach(&out);
}

static char *from_cp1252(const char *s, size_t len)
{
	struct strbuf out = STRBUF_INIT;
	cp1252_to_utf8(s, len, &out);
	return strbuf_detach(&out);
}

static size_t width_of(const char *s)
{
	return text_display_width(s, strlen(s));
}

static size_t first_invalid(const char *s)
{
	return utf8_first_invalid(s, strlen(s));
}

TEST(encoding_names_are_canonical)
{
	CHECK_STR(text_encoding_name(TEXT_ENCODING_UTF8), "utf-8");
	CHECK_STR(text_encoding_name(TEXT_ENCODING_CP1252), "windows-1252");
}

TEST(encoding_parse_accepts_aliases_in_any_case)
{
	enum text_encoding e = TEXT_ENCODING_CP1252;
	CHECK(text_encoding_parse("UTF-8", &e) && e == TEXT_ENCODING_UTF8);
	CHECK(text_encoding_parse("utf8", &e) && e == TEXT_ENCODING_UTF8);
	CHECK(text_encoding_parse("Windows-1252", &e) && e == TEXT_ENCODING_CP1252);
	e = TEXT_ENCODING_UTF8;
	CHECK(text_encoding_parse("CP1252", &e) && e == TEXT_ENCODING_CP1252);
	e = TEXT_ENCODING_UTF8;
	CHECK(text_encoding_parse("latin1", &e) && e == TEXT_ENCODING_CP1252);
	e = TEXT_ENCODING_UTF8;
	CHECK(text_encoding_parse("ISO-8859-1", &e) && e == TEXT_ENCODING_CP1252);
}

TEST(encoding_parse_rejects_unknown_names)
{
	enum text_encoding e = TEXT_ENCODING_UTF8;
	CHECK(!text_encoding_parse("utf-16", &e));
	CHECK(!text_encoding_parse("", &e));
	CHECK(!text_encoding_parse("windows-1252-and-then-some-more", &e));
	CHECK(!text_encoding_parse(NULL, &e));
	CHECK(e == TEXT_ENCODING_UTF8);
}

TEST(first_invalid_of_valid_text_is_its_length)
{
	CHECK_INT(first_invalid(""), 0);
	CHECK_INT(first_invalid("plain ASCII text, longer than eight bytes"), 41);
	/* 2, 3 and 4 bytes: é € 😀 and the last code point U+10FFFF */
	CHECK_INT(first_invalid("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"), 13);
	CHECK_INT(first_invalid("\xEE\x80\x80\xEF\xBF\xBF"), 6); /* U+E000, U+FFFF */
}

TEST(first_invalid_rejects_overlong_forms)
{
	CHECK_INT(first_invalid("ab\xC0\xAF"), 2);
	CHECK_INT(first_invalid("ab\xC1\xBF"), 2);
	CHECK_INT(first_invalid("\xE0\x80\xAF"), 0);
	CHECK_INT(first_invalid("\xE0\x9F\xBF"), 0);
	CHECK_INT(first_invalid("\xF0\x80\x80\xAF"), 0);
	CHECK_INT(first_invalid("\xF0\x8F\xBF\xBF"), 0);
}

TEST(first_invalid_rejects_surrogates)
{
	CHECK_INT(first_invalid("x\xED\xA0\x80"), 1);
	CHECK_INT(first_invalid("x\xED\xBF\xBF"), 1);
	CHECK_INT(first_invalid("x\xED\x9F\xBF"), 4); /* U+D7FF is fine */
}

TEST(first_invalid_rejects_code_points_over_10ffff)
{
	CHECK_INT(first_invalid("\xF4\x90\x80\x80"), 0);
	CHECK_INT(first_invalid("\xF5\x80\x80\x80"), 0);
	CHECK_INT(first_invalid("\xFF"), 0);
}

TEST(first_invalid_rejects_stray_continuation_and_cut_sequences)
{
	CHECK_INT(first_invalid("abc\x80"), 3);
	CHECK_INT(first_invalid("abc\xE2\x82"), 3);
	CHECK_INT(first_invalid("\xE2\x82Z"), 0);
	CHECK_INT(first_invalid("\xC3("), 0);
}

TEST(first_invalid_finds_bad_byte_at_every_offset_of_a_long_line)
{
	char buf[40];
	for (size_t at = 0; at < 32; at++) {
		memset(buf, 'a', 32);
		buf[32] = '\0';
		buf[at] = (char)0xA3; /* a Windows-1252 pound sign */
		CHECK_INT(first_invalid(buf), at);
	}
}

TEST(scan_counts_valid_sequences_and_invalid_bytes)
{
	struct utf8_scan scan;
	const char data[] = "caf\xC3\xA9 \xA3! \xE2\x82\xAC \xED\xA0\x80";
	utf8_scan_init(&scan);
	utf8_scan_feed(&scan, data, sizeof(data) - 1);
	utf8_scan_finish(&scan);
	CHECK_INT(scan.valid_multibyte, 2);
	CHECK_INT(scan.invalid, 4); /* A3, and ED A0 80 byte by byte */
}

TEST(scan_carries_a_sequence_split_across_chunks)
{
	struct utf8_scan scan;
	const char euro[] = "\xE2\x82\xAC", emoji[] = "\xF0\x9F\x98\x80";
	utf8_scan_init(&scan);
	for (size_t i = 0; i < 3; i++)
		utf8_scan_feed(&scan, euro + i, 1);
	utf8_scan_feed(&scan, emoji, 2);
	utf8_scan_feed(&scan, "", 0);
	utf8_scan_feed(&scan, emoji + 2, 2);
	utf8_scan_finish(&scan);
	CHECK_INT(scan.valid_multibyte, 2);
	CHECK_INT(scan.invalid, 0);
	CHECK_INT(scan.pending_len, 0);
}

TEST(scan_split_sequence_broken_by_next_chunk_is_invalid)
{
	struct utf8_scan scan;
	utf8_scan_init(&scan);
	utf8_scan_feed(&scan, "x\xE2\x82", 3);
	CHECK_INT(scan.pending_len, 2);
	utf8_scan_feed(&scan, "A\xC3\xA9", 3);
	utf8_scan_finish(&scan);
	CHECK_INT(scan.invalid, 2);
	CHECK_INT(scan.valid_multibyte, 1);
}

TEST(scan_finish_counts_a_cut_sequence_as_invalid)
{
	struct utf8_scan scan;
	utf8_scan_init(&scan);
	utf8_scan_feed(&scan, "end\xF0\x9F\x98", 6);
	CHECK_INT(scan.invalid, 0);
	utf8_scan_finish(&scan);
	CHECK_INT(scan.invalid, 3);
	CHECK_INT(scan.valid_multibyte, 0);
}

TEST(scan_gives_the_same_counts_wherever_the_chunks_split)
{
	const char data[] = "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\x80\xE2\x82Z\xF4\x90\x80\x80"
			    "0123456789\xC3";
	size_t len = sizeof(data) - 1;
	struct utf8_scan whole;
	utf8_scan_init(&whole);
	utf8_scan_feed(&whole, data, len);
	utf8_scan_finish(&whole);
	CHECK_INT(whole.valid_multibyte, 3);
	CHECK_INT(whole.invalid, 8);
	for (size_t a = 0; a <= len; a++) {
		for (size_t b = a; b <= len; b++) {
			struct utf8_scan scan;
			utf8_scan_init(&scan);
			utf8_scan_feed(&scan, data, a);
			utf8_scan_feed(&scan, data + a, b - a);
			utf8_scan_feed(&scan, data + b, len - b);
			utf8_scan_finish(&scan);
			CHECK_INT(scan.valid_multibyte, whole.valid_multibyte);
			CHECK_INT(scan.invalid, whole.invalid);
		}
	}
}

TEST(cp1252_converts_euro_and_pound)
{
	char *s = from_cp1252("Price: \x80, \xA3.", 12);
	CHECK_STR(s, "Price: \u20AC, \u00A3.");
	free(s);
}

TEST(cp1252_converts_curly_quotes_dashes_and_ellipsis)
{
	char *s = from_cp1252("\x93hi\x94 \x91x\x92 \x96 \x97 \x85 \x99", 16);
	CHECK_STR(s, "\u201Chi\u201D \u2018x\u2019 \u2013 \u2014 \u2026 \u2122");
	free(s);
}

TEST(cp1252_maps_undefined_bytes_to_c1_code_points)
{
	char *s = from_cp1252("\x81\x8D\x8F\x90\x9D", 5);
	CHECK_STR(s, "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
	free(s);
}

TEST(cp1252_maps_every_byte_to_valid_utf8)
{
	char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	struct strbuf out = STRBUF_INIT;
	cp1252_to_utf8(all, sizeof(all), &out);
	CHECK_INT(utf8_first_invalid(out.data, out.len), out.len);
	/* 128 ASCII bytes; of 0x80-0x9F 17 need three bytes (U+20AC...), 15 two; 0xA0-0xFF two */
	CHECK_INT(out.len, 401);
	CHECK(memcmp(out.data, all, 128) == 0);
	strbuf_free(&out);
}

TEST(cp1252_keeps_latin1_letters)
{
	char *s = from_cp1252("Caf\xE9 \xC0 \xFF \xA0.", 11);
	CHECK_STR(s, "Caf\u00E9 \u00C0 \u00FF \u00A0.");
	free(s);
	s = from_cp1252("\x8A\x8C\x9A\x9C\x9F\x83", 6);
	CHECK_STR(s, "\u0160\u0152\u0161\u0153\u0178\u0192");
	free(s);
}

TEST(cp1252_appends_and_handles_long_input)
{
	struct strbuf out = STRBUF_INIT;
	strbuf_append_str(&out, "> ");
	char big[10000];
	memset(big, 'x', sizeof(big));
	big[0] = (char)0x80;
	big[4095] = (char)0x80;
	big[4096] = (char)0x80;
	big[9999] = (char)0xA3;
	cp1252_to_utf8(big, sizeof(big), &out);
	CHECK_INT(out.len, 2 + 9996 + 3 * 3 + 2);
	CHECK(memcmp(out.data, "> \xE2\x82\xACxx", 7) == 0);
	CHECK_STR(out.data + out.len - 4, "xx\xC2\xA3");
	strbuf_free(&out);
}

TEST(cp1252_of_nothing_appends_nothing)
{
	char *s = from_cp1252("", 0);
	CHECK_STR(s, "");
	free(s);
}

TEST(bom_utf8_is_three_bytes)
{
	CHECK_INT(text_bom_length("\xEF\xBB\xBFref,date", 11), 3);
	CHECK_INT(text_bom_length("\xEF\xBB\xBF", 3), 3);
}

TEST(bom_double_encoded_is_six_bytes)
{
	CHECK_INT(text_bom_length("\xC3\xAF\xC2\xBB\xC2\xBFref", 9), 6);
}

TEST(cut_length_never_splits_a_character)
{
	CHECK_INT(utf8_cut_length("abc", 3, 40), 3);
	CHECK_INT(utf8_cut_length("abcdef", 6, 4), 4);
	/* "xé" is 78 C3 A9: at most 2 bytes keeps "x" only. */
	CHECK_INT(utf8_cut_length("x\xC3\xA9", 3, 2), 1);
	CHECK_INT(utf8_cut_length("x\xC3\xA9y", 4, 3), 3);
	/* The euro sign is E2 82 AC. */
	CHECK_INT(utf8_cut_length("\xE2\x82\xAC\xE2\x82\xAC", 6, 5), 3);
	CHECK_INT(utf8_cut_length("\xE2\x82\xAC", 3, 0), 0);
}

TEST(bom_absent_or_cut_is_zero)
{
	CHECK_INT(text_bom_length("ref,date", 8), 0);
	CHECK_INT(text_bom_length("\xEF\xBB", 2), 0);
	CHECK_INT(text_bom_length("\xC3\xAF\xC2\xBB\xC2", 5), 0);
	CHECK_INT(text_bom_length("", 0), 0);
	CHECK_INT(text_bom_length("\xEF\xBB\xBE", 3), 0);
}

TEST(sanitize_leaves_printable_text_alone)
{
	const char *s = "Caf\u00E9 \u4E2D\u6587 e\u0301 \U0001F600 \u00A3100 <b>";
	char *out = sanitized(s, strlen(s), 0);
	CHECK_STR(out, s);
	free(out);
}

TEST(sanitize_shows_escape_sequences_inert)
{
	char *out = sanitized("\x1B[2J\x1B[31mred", 12, 0);
	CHECK_STR(out, "\u241B[2J\u241B[31mred");
	free(out);
	out = sanitized("\x1B]0;title\x07", 10, 0);
	CHECK_STR(out, "\u241B]0;title\u2407");
	free(out);
}

TEST(sanitize_shows_c0_controls_as_control_pictures)
{
	char *out = sanitized("a\0b\x01\x08\x0B\x0C\x1F", 8, 0);
	CHECK_STR(out, "a\u2400b\u2401\u2408\u240B\u240C\u241F");
	free(out);
}

TEST(sanitize_shows_del_as_symbol)
{
	char *out = sanitized("x\x7Fy", 3, 0);
	CHECK_STR(out, "x\u2421y");
	free(out);
}

TEST(sanitize_shows_c1_controls_as_code_points)
{
	/* U+009B is the one-byte CSI: it must never reach the terminal. */
	char *out = sanitized("a\xC2\x9B[2Jb\xC2\x80\xC2\x9F\xC2\xA0", 13, 0);
	CHECK_STR(out, "a<U+009B>[2Jb<U+0080><U+009F>\u00A0");
	free(out);
}

TEST(sanitize_shows_bidi_overrides_as_code_points)
{
	const char *s = "txt\u202Egnp.exe \u202A\u202D\u2066\u2069\u200F";
	char *out = sanitized(s, strlen(s), 0);
	CHECK_STR(out, "txt<U+202E>gnp.exe <U+202A><U+202D><U+2066><U+2069>\u200F");
	free(out);
}

TEST(sanitize_replaces_each_invalid_byte)
{
	char *out = sanitized("\xC3(\xA3!\xE2\x82Z\xED\xA0\x80", 10, 0);
	CHECK_STR(out, "\uFFFD(\uFFFD!\uFFFD\uFFFDZ\uFFFD\uFFFD\uFFFD");
	free(out);
}

TEST(sanitize_turns_a_tab_into_one_space)
{
	char *out = sanitized("a\tb\t\tc", 6, 0);
	CHECK_STR(out, "a b  c");
	free(out);
}

TEST(sanitize_keeps_newlines_by_default)
{
	char *out = sanitized("line 1\nline 2\n", 14, 0);
	CHECK_STR(out, "line 1\nline 2\n");
	free(out);
}

TEST(sanitize_one_line_marks_newlines)
{
	char *out = sanitized("line 1\nline 2\r\nend", 18, TEXT_SANITIZE_ONE_LINE);
	CHECK_STR(out, "line 1\u23CEline 2\u23CEend");
	free(out);
}

TEST(sanitize_drops_cr_before_lf)
{
	char *out = sanitized("a\r\nb\r\n", 6, 0);
	CHECK_STR(out, "a\nb\n");
	free(out);
}

TEST(sanitize_shows_a_lone_cr)
{
	char *out = sanitized("a\rb\r\r\nc\r", 8, 0);
	CHECK_STR(out, "a\u240Db\u240D\nc\u240D");
	free(out);
}

TEST(sanitize_appends_and_terminates_even_when_empty)
{
	struct strbuf out = STRBUF_INIT;
	text_sanitize("", 0, 0, &out);
	CHECK_STR(strbuf_str(&out), "");
	text_sanitize("ab", 2, 0, &out);
	text_sanitize("\x1B", 1, 0, &out);
	CHECK_STR(strbuf_str(&out), "ab\u241B");
	strbuf_free(&out);
}

TEST(width_of_ascii_is_its_length)
{
	CHECK_INT(width_of(""), 0);
	CHECK_INT(width_of("Crime number"), 12);
}

TEST(width_of_cjk_hangul_and_kana_is_two_each)
{
	CHECK_INT(width_of("\u4E2D\u6587"), 4);
	CHECK_INT(width_of("\uD55C\uAE00"), 4);
	CHECK_INT(width_of("\u30AB\u30BF"), 4);
	CHECK_INT(width_of("a\u3000b"), 4);
	CHECK_INT(width_of("\U00020000"), 2);
}

TEST(width_of_fullwidth_forms_is_two)
{
	CHECK_INT(width_of("\uFF21\uFF11"), 4);
	CHECK_INT(width_of("\uFFE1"), 2);
	CHECK_INT(width_of("\uFF61"), 1); /* halfwidth katakana stop */
}

TEST(width_of_emoji_is_two)
{
	CHECK_INT(width_of("\U0001F600"), 2);
	CHECK_INT(width_of("\U0001F4F1\U0001F575"), 3); /* U+1F575 is text style */
	CHECK_INT(width_of("\U0001FAE8"), 2);
	CHECK_INT(width_of("\u231A"), 2);
}

TEST(width_of_combining_marks_is_zero)
{
	CHECK_INT(width_of("e\u0301"), 1);
	CHECK_INT(width_of("a\u0300\u036F\u1AB0\u1DC0\u20D0\uFE20"), 1);
	CHECK_INT(width_of("\u0915\u093F"), 2); /* Devanagari vowel sign i is spacing */
	CHECK_INT(width_of("\u0928\u094D"), 1); /* virama is not */
}

TEST(width_of_joiners_and_variation_selectors_is_zero)
{
	CHECK_INT(width_of("a\u200Bb\u200C\u200D"), 2);
	CHECK_INT(width_of("\u2764\uFE0F"), 1);
	CHECK_INT(width_of("\U0001F468\u200D\U0001F469"), 4);
	CHECK_INT(width_of("\uFEFFx"), 1);
}

TEST(width_counts_the_symbol_of_a_control_character)
{
	CHECK_INT(text_display_width("\x1B[2J", 4), 4);
	CHECK_INT(text_display_width("a\0b", 3), 3);
	CHECK_INT(text_display_width("\x7F\t", 2), 2);
}

TEST(width_counts_line_breaks_as_their_one_line_mark)
{
	CHECK_INT(width_of("a\nb"), 3);
	CHECK_INT(width_of("a\r\nb"), 3);
	CHECK_INT(width_of("a\rb"), 3);
}

TEST(width_counts_c1_and_bidi_codes_in_full)
{
	CHECK_INT(width_of("a\xC2\x9B"), 9);
	CHECK_INT(width_of("\u202E"), 8);
}

TEST(width_counts_each_invalid_byte_as_one)
{
	CHECK_INT(width_of("\xC3(\xE2\x82"), 4);
	CHECK_INT(width_of("\xFF\xFE"), 2);
}

TEST(width_is_the_width_of_the_sanitized_text)
{
	const char *samples[] = {
	    "plain",
	    "\x1B]52;c;aGk=\x07 \x9B",
	    "\u4E2D e\u0301 \u202E\xC2\x85\r\n\r\t\x7F",
	    "\xF0\x9F\x98",
	};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		size_t len = strlen(samples[i]);
		char *one_line = sanitized(samples[i], len, TEXT_SANITIZE_ONE_LINE);
		CHECK_INT(text_display_width(samples[i], len),
			  text_display_width(one_line, strlen(one_line)));
		free(one_line);
	}
}

TAP_MAIN(encoding_names_are_canonical, encoding_parse_accepts_aliases_in_any_case,
	 encoding_parse_rejects_unknown_names, first_invalid_of_valid_text_is_its_length,
	 first_invalid_rejects_overlong_forms, first_invalid_rejects_surrogates,
	 first_invalid_rejects_code_points_over_10ffff,
	 first_invalid_rejects_stray_continuation_and_cut_sequences,
	 first_invalid_finds_bad_byte_at_every_offset_of_a_long_line,
	 scan_counts_valid_sequences_and_invalid_bytes, scan_carries_a_sequence_split_across_chunks,
	 scan_split_sequence_broken_by_next_chunk_is_invalid,
	 scan_finish_counts_a_cut_sequence_as_invalid,
	 scan_gives_the_same_counts_wherever_the_chunks_split, cp1252_converts_euro_and_pound,
	 cp1252_converts_curly_quotes_dashes_and_ellipsis,
	 cp1252_maps_undefined_bytes_to_c1_code_points, cp1252_maps_every_byte_to_valid_utf8,
	 cp1252_keeps_latin1_letters, cp1252_appends_and_handles_long_input,
	 cp1252_of_nothing_appends_nothing, bom_utf8_is_three_bytes,
	 bom_double_encoded_is_six_bytes, cut_length_never_splits_a_character,
	 bom_absent_or_cut_is_zero,
	 sanitize_leaves_printable_text_alone, sanitize_shows_escape_sequences_inert,
	 sanitize_shows_c0_controls_as_control_pictures, sanitize_shows_del_as_symbol,
	 sanitize_shows_c1_controls_as_code_points, sanitize_shows_bidi_overrides_as_code_points,
	 sanitize_replaces_each_invalid_byte, sanitize_turns_a_tab_into_one_space,
	 sanitize_keeps_newlines_by_default, sanitize_one_line_marks_newlines,
	 sanitize_drops_cr_before_lf, sanitize_shows_a_lone_cr,
	 sanitize_appends_and_terminates_even_when_empty, width_of_ascii_is_its_length,
	 width_of_cjk_hangul_and_kana_is_two_each, width_of_fullwidth_forms_is_two,
	 width_of_emoji_is_two, width_of_combining_marks_is_zero,
	 width_of_joiners_and_variation_selectors_is_zero,
	 width_counts_the_symbol_of_a_control_character,
	 width_counts_line_breaks_as_their_one_line_mark, width_counts_c1_and_bidi_codes_in_full,
	 width_counts_each_invalid_byte_as_one, width_is_the_width_of_the_sanitized_text)
