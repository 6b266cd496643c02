/* write_out.c - atomic folders and files (see write_out.h). */
#define _GNU_SOURCE
#include "write_out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "path.h"
#include "xalloc.h"

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	interrupted = sig;
}

void
out_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int
out_interrupted(void)
{
	return interrupted != 0;
}

/* mkdir_p() where the first `from` bytes of path name a folder that
 * exists. */
static int
mkdir_below(const char *path, size_t from)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + from + (path[from] != '\0'); *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) == -1 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int
mkdir_p(const char *path)
{
	return mkdir_below(path, 0);
}

/* mkdir_p() for dir, o->tmp or a folder inside it; a no-op when the
 * last file went to the same folder, as most do. */
static int
outdir_mkdir(struct outdir *o, const char *dir)
{
	if (o->made != NULL && strcmp(o->made, dir) == 0)
		return 0;
	free(o->made);
	o->made = NULL;
	if (mkdir_below(dir, strlen(o->tmp)) == -1)
		return -1;
	o->made = xstrdup(dir);
	return 0;
}

static void
remove_tree(const char *path)
{
	DIR *dp;
	struct dirent *de;
	struct buf p = BUF_INIT;
	struct stat st;

	if (lstat(path, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((dp = opendir(path)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			buf_clear(&p);
			buf_printf(&p, "%s/%s", path, de->d_name);
			remove_tree(p.data);
		}
		closedir(dp);
	}
	rmdir(path);
	buf_release(&p);
}

/* Splits "a/b/c" into dir "a/b" and base "c" (dir "." when none). */
static void
split(const char *path, struct buf *dir, const char **base)
{
	const char *slash = strrchr(path, '/');

	buf_clear(dir);
	if (slash) {
		buf_put(dir, path, (size_t)(slash - path));
		*base = slash + 1;
	} else {
		buf_putc(dir, '.');
		*base = path;
	}
}

/* Removes DIR/.BASE.tmp-PID entries whose process is gone. */
static void
clean_stale(const char *dir, const char *base)
{
	DIR *dp;
	struct dirent *de;
	struct buf pre = BUF_INIT, p = BUF_INIT;
	long pid;
	char *end;

	buf_printf(&pre, ".%s.tmp-", base);
	if ((dp = opendir(dir)) == NULL) {
		buf_release(&pre);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, pre.data, pre.len) != 0)
			continue;
		pid = strtol(de->d_name + pre.len, &end, 10);
		if (*end != '\0' || pid <= 0 || pid == (long)getpid() ||
		    (kill((pid_t)pid, 0) == -1 && errno == ESRCH)) {
			buf_clear(&p);
			buf_printf(&p, "%s/%s", dir, de->d_name);
			if (pid != (long)getpid())
				remove_tree(p.data);
		}
	}
	closedir(dp);
	buf_release(&pre);
	buf_release(&p);
}

void
out_clean_stale(const char *path)
{
	struct buf dir = BUF_INIT;
	const char *base;

	split(path, &dir, &base);
	clean_stale(dir.data, base);
	buf_release(&dir);
}

static char *
tmp_name(const char *final, struct buf *dir)
{
	struct buf t = BUF_INIT;
	const char *base;

	split(final, dir, &base);
	buf_printf(&t, "%s/.%s.tmp-%ld", dir->data, base, (long)getpid());
	return buf_detach(&t, NULL);
}

int
outdir_begin(struct outdir *o, const char *final)
{
	struct buf dir = BUF_INIT;
	const char *base;

	memset(o, 0, sizeof(*o));
	o->final = xstrdup(final);
	o->tmp = tmp_name(final, &dir);
	split(final, &dir, &base);
	if (mkdir_p(dir.data) == -1) {
		sys_error("cannot create '%s': %s", dir.data, strerror(errno));
		buf_release(&dir);
		outdir_abort(o);
		o->failed = 1;
		return -1;
	}
	clean_stale(dir.data, base);
	buf_release(&dir);
	remove_tree(o->tmp);
	if (mkdir(o->tmp, 0777) == -1) {
		/* Named as the user knows it, not by its temporary name. */
		sys_error("cannot write '%s': %s", o->final, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		outdir_abort(o);
		o->failed = 1;
		return -1;
	}
	return 0;
}

static int
write_fd(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR && !interrupted)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes a file; a temporary one (`is_tmp`) is removed on failure. */
static int
write_file(const char *path, const void *data, size_t len, int is_tmp)
{
	int fd, err;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1)
		return -1;
	if (write_fd(fd, data, len) == -1) {
		err = errno;
		close(fd);
		if (is_tmp)
			unlink(path);
		errno = err;
		return -1;
	}
	if (close(fd) == -1) {
		err = errno;
		if (is_tmp)
			unlink(path);
		errno = err;
		return -1;
	}
	return 0;
}

int
outdir_write(struct outdir *o, const char *rel, const void *data, size_t len)
{
	struct buf p = BUF_INIT, dir = BUF_INIT;
	const char *base;
	int rc = 0;

	if (o->failed)
		return -1;
	if (interrupted) {
		o->failed = 1;
		return -1;
	}
	if (!path_entry_safe(rel)) {
		o->failed = 1;
		return sys_error("refusing to write '%s' outside '%s'", rel,
		    o->final);
	}
	buf_printf(&p, "%s/%s", o->tmp, rel);
	split(p.data, &dir, &base);
	if (outdir_mkdir(o, dir.data) == -1 ||
	    write_file(p.data, data, len, 1) == -1) {
		rc = sys_error("cannot write '%s/%s': %s", o->final, rel,
		    strerror(errno));
		o->failed = 1;
	}
	buf_release(&p);
	buf_release(&dir);
	return rc;
}

int
outdir_commit(struct outdir *o)
{
	struct buf old = BUF_INIT;
	int rc = 0;

	if (o->failed || interrupted) {
		outdir_abort(o);
		return -1;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final,
	    RENAME_EXCHANGE) == 0) {
		/* The old pack is now at the temporary name. */
		outdir_abort(o);
		return 0;
	}
#endif
	buf_printf(&old, "%s.old", o->tmp);
	if (rename(o->final, old.data) == -1 && errno != ENOENT)
		rc = sys_error("cannot replace '%s': %s", o->final,
		    strerror(errno));
	else if (rename(o->tmp, o->final) == -1) {
		rc = sys_error("cannot create '%s': %s", o->final,
		    strerror(errno));
		rename(old.data, o->final);
	}
	remove_tree(old.data);
	buf_release(&old);
	outdir_abort(o);
	return rc;
}

void
outdir_abort(struct outdir *o)
{
	if (o->tmp) {
		remove_tree(o->tmp);
	}
	free(o->tmp);
	free(o->final);
	free(o->made);
	o->tmp = o->final = o->made = NULL;
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	struct buf dir = BUF_INIT;
	char *tmp = tmp_name(path, &dir);
	const char *base;
	struct stat st;
	int rc = 0;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* A device or pipe (/dev/stdout, /dev/full): write through. */
		if (write_file(path, data, len, 0) == -1)
			rc = sys_error("cannot write '%s': %s", path,
			    strerror(errno));
		goto out;
	}
	split(path, &dir, &base);
	if (mkdir_p(dir.data) == -1) {
		rc = sys_error("cannot create '%s': %s", dir.data,
		    strerror(errno));
		goto out;
	}
	clean_stale(dir.data, base);
	if (write_file(tmp, data, len, 1) == -1)
		rc = sys_error("cannot write '%s': %s", path, strerror(errno));
	else if (interrupted) {
		unlink(tmp);
		rc = -1;
	} else if (rename(tmp, path) == -1) {
		rc = sys_error("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
out:
	free(tmp);
	buf_release(&dir);
	return rc;
}
