/*
 * tap.h - the unit-test harness: each test function is one TAP line.
 *
 * A test file defines its tests with TEST(name) { ... } and ends with
 * TAP_MAIN(test_a, test_b, ...). The CHECK macros record a failure with the file, line and
 * both values, and let the test go on so one run shows every broken expectation.
 * Fixtures are found under $srcdir (set by make check) so that make distcheck works.
 */
#ifndef CRIMEVIEW_TAP_H
#define CRIMEVIEW_TAP_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_failed_checks;

#define TEST(name) static void name(void)

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			tap_failed_checks++; \
			printf("# %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_INT(got, want) \
	do { \
		long long tap_got_ = (long long)(got), tap_want_ = (long long)(want); \
		if (tap_got_ != tap_want_) { \
			tap_failed_checks++; \
			printf("# %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, tap_got_, \
			       tap_want_); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *tap_got_ = (got), *tap_want_ = (want); \
		if (!tap_got_ || !tap_want_ ? tap_got_ != tap_want_ : strcmp(tap_got_, tap_want_)) { \
			tap_failed_checks++; \
			printf("# %s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
			       tap_got_ ? tap_got_ : "(null)", tap_want_ ? tap_want_ : "(null)"); \
		} \
	} while (0)

struct tap_test {
	const char *name;
	void (*run)(void);
};

/* The path of a fixture under $srcdir/tests/data (caller frees). */
static inline char *tap_fixture(const char *name)
{
	const char *srcdir = getenv("srcdir");
	size_t len = strlen(srcdir ? srcdir : ".") + strlen(name) + 16;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/tests/data/%s", srcdir ? srcdir : ".", name);
	return path;
}

/* A time limit for a speed check, times $TAP_TIME_FACTOR when set: the suite's run under
 * valgrind sets it, since everything there runs tens of times slower. */
static inline double tap_time_limit(double seconds)
{
	const char *factor = getenv("TAP_TIME_FACTOR");
	double f = factor ? strtod(factor, NULL) : 1.0;
	return f >= 1.0 ? seconds * f : seconds;
}

static inline int tap_run(const struct tap_test *tests, size_t n)
{
	int failed = 0;
	printf("1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		tap_failed_checks = 0;
		tests[i].run();
		printf("%s %zu - %s\n", tap_failed_checks ? "not ok" : "ok", i + 1, tests[i].name);
		if (tap_failed_checks)
			failed++;
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

#define TAP_ENTRY(fn) {#fn, fn},
#define TAP_MAIN(...) \
	int main(void) \
	{ \
		static const struct tap_test tap_tests[] = {TAP_FOREACH(TAP_ENTRY, __VA_ARGS__)}; \
		return tap_run(tap_tests, sizeof(tap_tests) / sizeof(tap_tests[0])); \
	}

/* TAP_FOREACH(M, a, b, c) expands to M(a) M(b) M(c), for up to 64 arguments. */
#define TAP_FE_1(M, x) M(x)
#define TAP_FE_2(M, x, ...) M(x) TAP_FE_1(M, __VA_ARGS__)
#define TAP_FE_3(M, x, ...) M(x) TAP_FE_2(M, __VA_ARGS__)
#define TAP_FE_4(M, x, ...) M(x) TAP_FE_3(M, __VA_ARGS__)
#define TAP_FE_5(M, x, ...) M(x) TAP_FE_4(M, __VA_ARGS__)
#define TAP_FE_6(M, x, ...) M(x) TAP_FE_5(M, __VA_ARGS__)
#define TAP_FE_7(M, x, ...) M(x) TAP_FE_6(M, __VA_ARGS__)
#define TAP_FE_8(M, x, ...) M(x) TAP_FE_7(M, __VA_ARGS__)
#define TAP_FE_9(M, x, ...) M(x) TAP_FE_8(M, __VA_ARGS__)
#define TAP_FE_10(M, x, ...) M(x) TAP_FE_9(M, __VA_ARGS__)
#define TAP_FE_11(M, x, ...) M(x) TAP_FE_10(M, __VA_ARGS__)
#define TAP_FE_12(M, x, ...) M(x) TAP_FE_11(M, __VA_ARGS__)
#define TAP_FE_13(M, x, ...) M(x) TAP_FE_12(M, __VA_ARGS__)
#define TAP_FE_14(M, x, ...) M(x) TAP_FE_13(M, __VA_ARGS__)
#define TAP_FE_15(M, x, ...) M(x) TAP_FE_14(M, __VA_ARGS__)
#define TAP_FE_16(M, x, ...) M(x) TAP_FE_15(M, __VA_ARGS__)
#define TAP_FE_17(M, x, ...) M(x) TAP_FE_16(M, __VA_ARGS__)
#define TAP_FE_18(M, x, ...) M(x) TAP_FE_17(M, __VA_ARGS__)
#define TAP_FE_19(M, x, ...) M(x) TAP_FE_18(M, __VA_ARGS__)
#define TAP_FE_20(M, x, ...) M(x) TAP_FE_19(M, __VA_ARGS__)
#define TAP_FE_21(M, x, ...) M(x) TAP_FE_20(M, __VA_ARGS__)
#define TAP_FE_22(M, x, ...) M(x) TAP_FE_21(M, __VA_ARGS__)
#define TAP_FE_23(M, x, ...) M(x) TAP_FE_22(M, __VA_ARGS__)
#define TAP_FE_24(M, x, ...) M(x) TAP_FE_23(M, __VA_ARGS__)
#define TAP_FE_25(M, x, ...) M(x) TAP_FE_24(M, __VA_ARGS__)
#define TAP_FE_26(M, x, ...) M(x) TAP_FE_25(M, __VA_ARGS__)
#define TAP_FE_27(M, x, ...) M(x) TAP_FE_26(M, __VA_ARGS__)
#define TAP_FE_28(M, x, ...) M(x) TAP_FE_27(M, __VA_ARGS__)
#define TAP_FE_29(M, x, ...) M(x) TAP_FE_28(M, __VA_ARGS__)
#define TAP_FE_30(M, x, ...) M(x) TAP_FE_29(M, __VA_ARGS__)
#define TAP_FE_31(M, x, ...) M(x) TAP_FE_30(M, __VA_ARGS__)
#define TAP_FE_32(M, x, ...) M(x) TAP_FE_31(M, __VA_ARGS__)
#define TAP_FE_33(M, x, ...) M(x) TAP_FE_32(M, __VA_ARGS__)
#define TAP_FE_34(M, x, ...) M(x) TAP_FE_33(M, __VA_ARGS__)
#define TAP_FE_35(M, x, ...) M(x) TAP_FE_34(M, __VA_ARGS__)
#define TAP_FE_36(M, x, ...) M(x) TAP_FE_35(M, __VA_ARGS__)
#define TAP_FE_37(M, x, ...) M(x) TAP_FE_36(M, __VA_ARGS__)
#define TAP_FE_38(M, x, ...) M(x) TAP_FE_37(M, __VA_ARGS__)
#define TAP_FE_39(M, x, ...) M(x) TAP_FE_38(M, __VA_ARGS__)
#define TAP_FE_40(M, x, ...) M(x) TAP_FE_39(M, __VA_ARGS__)
#define TAP_FE_41(M, x, ...) M(x) TAP_FE_40(M, __VA_ARGS__)
#define TAP_FE_42(M, x, ...) M(x) TAP_FE_41(M, __VA_ARGS__)
#define TAP_FE_43(M, x, ...) M(x) TAP_FE_42(M, __VA_ARGS__)
#define TAP_FE_44(M, x, ...) M(x) TAP_FE_43(M, __VA_ARGS__)
#define TAP_FE_45(M, x, ...) M(x) TAP_FE_44(M, __VA_ARGS__)
#define TAP_FE_46(M, x, ...) M(x) TAP_FE_45(M, __VA_ARGS__)
#define TAP_FE_47(M, x, ...) M(x) TAP_FE_46(M, __VA_ARGS__)
#define TAP_FE_48(M, x, ...) M(x) TAP_FE_47(M, __VA_ARGS__)
#define TAP_FE_49(M, x, ...) M(x) TAP_FE_48(M, __VA_ARGS__)
#define TAP_FE_50(M, x, ...) M(x) TAP_FE_49(M, __VA_ARGS__)
#define TAP_FE_51(M, x, ...) M(x) TAP_FE_50(M, __VA_ARGS__)
#define TAP_FE_52(M, x, ...) M(x) TAP_FE_51(M, __VA_ARGS__)
#define TAP_FE_53(M, x, ...) M(x) TAP_FE_52(M, __VA_ARGS__)
#define TAP_FE_54(M, x, ...) M(x) TAP_FE_53(M, __VA_ARGS__)
#define TAP_FE_55(M, x, ...) M(x) TAP_FE_54(M, __VA_ARGS__)
#define TAP_FE_56(M, x, ...) M(x) TAP_FE_55(M, __VA_ARGS__)
#define TAP_FE_57(M, x, ...) M(x) TAP_FE_56(M, __VA_ARGS__)
#define TAP_FE_58(M, x, ...) M(x) TAP_FE_57(M, __VA_ARGS__)
#define TAP_FE_59(M, x, ...) M(x) TAP_FE_58(M, __VA_ARGS__)
#define TAP_FE_60(M, x, ...) M(x) TAP_FE_59(M, __VA_ARGS__)
#define TAP_FE_61(M, x, ...) M(x) TAP_FE_60(M, __VA_ARGS__)
#define TAP_FE_62(M, x, ...) M(x) TAP_FE_61(M, __VA_ARGS__)
#define TAP_FE_63(M, x, ...) M(x) TAP_FE_62(M, __VA_ARGS__)
#define TAP_FE_64(M, x, ...) M(x) TAP_FE_63(M, __VA_ARGS__)
#define TAP_FE_PICK(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, \
		    _18, _19, _20, _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, _33, \
		    _34, _35, _36, _37, _38, _39, _40, _41, _42, _43, _44, _45, _46, _47, _48, _49, \
		    _50, _51, _52, _53, _54, _55, _56, _57, _58, _59, _60, _61, _62, _63, _64, NAME, \
		    ...) \
	NAME
#define TAP_FOREACH(M, ...) \
	TAP_FE_PICK(__VA_ARGS__, TAP_FE_64, TAP_FE_63, TAP_FE_62, TAP_FE_61, TAP_FE_60, TAP_FE_59, \
		    TAP_FE_58, TAP_FE_57, TAP_FE_56, TAP_FE_55, TAP_FE_54, TAP_FE_53, TAP_FE_52, \
		    TAP_FE_51, TAP_FE_50, TAP_FE_49, TAP_FE_48, TAP_FE_47, TAP_FE_46, TAP_FE_45, \
		    TAP_FE_44, TAP_FE_43, TAP_FE_42, TAP_FE_41, TAP_FE_40, TAP_FE_39, TAP_FE_38, \
		    TAP_FE_37, TAP_FE_36, TAP_FE_35, TAP_FE_34, TAP_FE_33, TAP_FE_32, TAP_FE_31, \
		    TAP_FE_30, TAP_FE_29, TAP_FE_28, TAP_FE_27, TAP_FE_26, TAP_FE_25, TAP_FE_24, \
		    TAP_FE_23, TAP_FE_22, TAP_FE_21, TAP_FE_20, TAP_FE_19, TAP_FE_18, TAP_FE_17, \
		    TAP_FE_16, TAP_FE_15, TAP_FE_14, TAP_FE_13, TAP_FE_12, TAP_FE_11, TAP_FE_10, \
		    TAP_FE_9, TAP_FE_8, TAP_FE_7, TAP_FE_6, TAP_FE_5, TAP_FE_4, TAP_FE_3, TAP_FE_2, \
		    TAP_FE_1)(M, __VA_ARGS__)

#endif
