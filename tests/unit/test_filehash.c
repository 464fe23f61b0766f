/* test_filehash.c - the pre-import scan: hash, line ends, UTF-16, binary formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crimeview/filehash.h"
#include "tap.h"

static char tmp_path[64];

/* Writes data to a temporary file and scans it into *facts; returns the scan's status. */
static enum status scan(const void *data, size_t len, struct file_facts *facts)
{
	snprintf(tmp_path, sizeof(tmp_path), "/tmp/cv-filehash-%ld.csv", (long)getpid());
	FILE *f = fopen(tmp_path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	enum status status = file_facts_scan(tmp_path, facts);
	unlink(tmp_path);
	return status;
}

#define SCAN(literal, facts) scan(literal, sizeof(literal) - 1, facts)

TEST(same_bytes_same_hash_and_one_byte_changes_it)
{
	struct file_facts a, b, c;
	CHECK_INT(SCAN("ref,date\n1,2\n", &a), STATUS_OK);
	CHECK_INT(SCAN("ref,date\n1,2\n", &b), STATUS_OK);
	CHECK_INT(SCAN("ref,date\n1,3\n", &c), STATUS_OK);
	CHECK_STR(a.hash, b.hash);
	CHECK(strcmp(a.hash, c.hash) != 0);
	CHECK_INT(a.size, 13);
}

TEST(lf_and_crlf_files_end_lines_with_lf)
{
	struct file_facts facts;
	SCAN("a,b\n1,2\n", &facts);
	CHECK_INT(facts.line_end, '\n');
	SCAN("a,b\r\n1,2\r\n", &facts);
	CHECK_INT(facts.line_end, '\n');
	CHECK_INT(facts.n_cr, 2);
	CHECK_INT(facts.n_crlf, 2);
	CHECK(facts.ends_with_newline);
}

TEST(cr_only_file_ends_lines_with_cr)
{
	struct file_facts facts;
	SCAN("a,b\r1,2\r3,4", &facts);
	CHECK_INT(facts.line_end, '\r');
	CHECK(!facts.ends_with_newline);
}

TEST(cr_file_with_lf_in_quoted_cells_ends_lines_with_cr)
{
	struct file_facts facts;
	/* More LFs than lines, all inside quotes: the CRs outside quotes decide. */
	SCAN("a,b\r1,\"x\ny\nz\nw\"\r2,\"p\nq\"\r", &facts);
	CHECK_INT(facts.line_end, '\r');
}

TEST(lf_file_with_a_lone_cr_ends_lines_with_lf)
{
	struct file_facts facts;
	SCAN("a,b\r\n1,x\ry\n2,\"in\r\nside\"\r\n", &facts);
	CHECK_INT(facts.line_end, '\n');
}

TEST(utf16_is_found_with_or_without_a_byte_order_mark)
{
	struct file_facts facts;
	SCAN("\xFF\xFE" "a\0,\0b\0", &facts);
	CHECK(facts.utf16);
	SCAN("\xFE\xFF\0a\0,\0b", &facts);
	CHECK(facts.utf16);
	SCAN("a\0,\0b\0\r\0\n\0" "1\0,\0" "2\0", &facts);
	CHECK(facts.utf16);
	SCAN("\0a\0,\0b\0\n\0" "1\0,\0" "2", &facts);
	CHECK(facts.utf16);
}

TEST(text_with_some_nul_bytes_is_not_utf16)
{
	struct file_facts facts;
	SCAN("a,b\n1,x\0y\n\0\0\0\0\n2,z\n", &facts);
	CHECK(!facts.utf16);
	CHECK_INT(facts.n_nul, 5);
	CHECK(facts.binary_what == NULL);
}

TEST(compressed_files_and_workbooks_are_named)
{
	struct file_facts facts;
	SCAN("\x1F\x8B\x08\0\0\0\0\0\x02\x03", &facts);
	CHECK_STR(facts.binary_what, "gzip-compressed data");
	SCAN("PK\x03\x04\x14\0\0\0", &facts);
	CHECK_STR(facts.binary_what, "a zip archive, such as an Excel .xlsx workbook");
	CHECK(facts.binary_advice != NULL);
	SCAN("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", &facts);
	CHECK_STR(facts.binary_what, "an old Excel .xls workbook");
	SCAN("PKG ref,date\n1,2\n", &facts);
	CHECK(facts.binary_what == NULL);
}

TEST(directory_is_not_a_regular_file)
{
	struct file_facts facts;
	CHECK_INT(file_facts_scan("/tmp", &facts), STATUS_NOT_REGULAR_FILE);
	CHECK_INT(file_facts_scan("/nonexistent/file.csv", &facts), STATUS_NOT_FOUND);
}

TAP_MAIN(same_bytes_same_hash_and_one_byte_changes_it, lf_and_crlf_files_end_lines_with_lf,
	 cr_only_file_ends_lines_with_cr, cr_file_with_lf_in_quoted_cells_ends_lines_with_cr,
	 lf_file_with_a_lone_cr_ends_lines_with_lf,
	 utf16_is_found_with_or_without_a_byte_order_mark, text_with_some_nul_bytes_is_not_utf16,
	 compressed_files_and_workbooks_are_named, directory_is_not_a_regular_file)
