/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The harnesses' main() when they are not built for libFuzzer: every file
 * named (or found in a directory named) goes through
 * LLVMFuzzerTestOneInput() once.  make check replays the seed corpora
 * this way in every build, sanitized ones included.
 */

#include <config.h>

#ifndef MPT_FUZZING

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long replayed;

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *data;
	size_t size;

	if (f == NULL || fstat(fileno(f), &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	/* exactly the input's size, so that a read past its end is caught */
	size = (size_t)st.st_size;
	data = malloc(size ? size : 1);
	FUZZ_ASSERT(data != NULL);
	FUZZ_ASSERT(fread(data, 1, size, f) == size);
	fclose(f);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	replayed++;
	return 0;
}

static int
replay_path(const char *path)
{
	struct dirent *de;
	struct stat st;
	char sub[4096];
	int rc = 0;
	DIR *d;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	d = opendir(path);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (replay_path(sub) < 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		if (replay_path(argv[i]) < 0)
			rc = 1;
	printf("replay: %lu inputs\n", replayed);
	return replayed == 0 ? 1 : rc;
}

#endif /* !MPT_FUZZING */
