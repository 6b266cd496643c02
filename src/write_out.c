/* write_out.c - atomic folders and files (see write_out.h). */
#define _GNU_SOURCE
#include "write_out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "path.h"
#include "xalloc.h"

/* Set by the handler, read by every thread building a pack: a
 * lock-free atomic (safe in a handler, no data race). */
static atomic_int interrupted;

static void
on_signal(int sig)
{
	atomic_store_explicit(&interrupted, sig, memory_order_relaxed);
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
	/* Past `ulimit -f` a write fails with EFBIG, reported like a full
	 * disk, instead of killing the run. */
	signal(SIGXFSZ, SIG_IGN);
}

int
out_interrupted(void)
{
	return atomic_load_explicit(&interrupted, memory_order_relaxed) != 0;
}

void
out_thread_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* mkdir_p() where the first `from` bytes of path name a folder that
 * exists.  The folder itself is tried first: when it or its parent
 * exists, as they mostly do, that is the only system call. */
static int
mkdir_below(const char *path, size_t from)
{
	char *p, *s;
	int rc = 0;

	if (from > 0 && path[from] == '\0')
		return 0;
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	p = xstrdup(path);
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

int
remove_tree(const char *path)
{
	DIR *dp;
	struct dirent *de;
	struct buf p = BUF_INIT;
	struct stat st;
	int rc = 0, err = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((dp = opendir(path)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			buf_clear(&p);
			buf_printf(&p, "%s/%s", path, de->d_name);
			if (remove_tree(p.data) == -1 && err == 0)
				err = errno;
		}
		closedir(dp);
	}
	if (rmdir(path) == -1) {
		rc = -1;
		if (err == 0)
			err = errno;
	}
	buf_release(&p);
	errno = err;
	return rc;
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

/* Calls fn(ctx, path, pid) for every entry DIR/PREFIX<pid>; pid is -1
 * when what follows the prefix is not a process id. */
static void
scan_pid_entries(const char *dir, const char *prefix,
    void (*fn)(void *, const char *, long), void *ctx)
{
	struct buf p = BUF_INIT;
	struct dirent *de;
	size_t n = strlen(prefix);
	DIR *dp;
	long pid;
	char *end;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, n) != 0)
			continue;
		pid = strtol(de->d_name + n, &end, 10);
		if (*end != '\0' || pid <= 0)
			pid = -1;
		buf_clear(&p);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		fn(ctx, p.data, pid);
	}
	closedir(dp);
	buf_release(&p);
}

static void
remove_if_stale(void *ctx, const char *path, long pid)
{
	(void)ctx;
	if (pid == (long)getpid())
		return;
	if (pid == -1 || (kill((pid_t)pid, 0) == -1 && errno == ESRCH))
		remove_tree(path);
}

/* Removes DIR/.BASE.tmp-PID entries whose process is gone. */
static void
clean_stale(const char *dir, const char *base)
{
	struct buf pre = BUF_INIT;

	buf_printf(&pre, ".%s.tmp-", base);
	scan_pid_entries(dir, pre.data, remove_if_stale, NULL);
	buf_release(&pre);
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

/* Data reaches the disk before a rename makes it visible. */
static int
out_sync(int fd)
{
	return fsync(fd) == -1 && errno != EINVAL && errno != EROFS ? -1 : 0;
}

/* Everything written to the file system that holds `dir`, at once: one
 * syncfs() per pack instead of one fsync() per page. */
static int
out_sync_fs(const char *dir)
{
	int fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = syncfs(fd);
	close(fd);
	return rc;
}

static int	writev_fd(int, const struct iovec *, int);

static int
write_fd(int fd, const void *data, size_t len)
{
	struct iovec v;

	v.iov_base = (void *)data;
	v.iov_len = len;
	return writev_fd(fd, &v, 1);
}

/* Writes a whole file; a temporary one (`is_tmp`) is removed on
 * failure, and synced (`sync`) before it is closed. */
static int
write_file(const char *path, const void *data, size_t len, int is_tmp,
    int sync)
{
	int fd, err;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1)
		return -1;
	if (write_fd(fd, data, len) == -1 || (sync && out_sync(fd) == -1)) {
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

/* Marks f's folder failed after a system error on f (errno). */
static int
outfile_fail(struct outfile *f)
{
	int rc = sys_error("cannot write '%s/%s': %s", f->o->final, f->rel,
	    strerror(errno));

	f->o->failed = 1;
	if (f->fd != -1)
		close(f->fd);
	f->fd = -1;
	return rc;
}

int
outdir_open(struct outdir *o, const char *rel, struct outfile *f)
{
	struct buf p = BUF_INIT, dir = BUF_INIT;
	const char *base;

	f->o = o;
	f->rel = rel;
	f->fd = -1;
	if (o->failed)
		return -1;
	if (out_interrupted()) {
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
	if (outdir_mkdir(o, dir.data) == 0)
		f->fd = open(p.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0666);
	buf_release(&p);
	buf_release(&dir);
	return f->fd == -1 ? outfile_fail(f) : 0;
}

int
outfile_put(struct outfile *f, const void *data, size_t len)
{
	if (f->fd == -1)
		return -1;
	if (out_interrupted()) {
		f->o->failed = 1;
		close(f->fd);
		f->fd = -1;
		return -1;
	}
	return write_fd(f->fd, data, len) == -1 ? outfile_fail(f) : 0;
}

int
outfile_close(struct outfile *f)
{
	int fd = f->fd;

	if (fd == -1)
		return -1;
	f->fd = -1;
	if (close(fd) == -1)
		return outfile_fail(f);
	return 0;
}

int
outdir_write(struct outdir *o, const char *rel, const void *data, size_t len)
{
	struct outfile f;

	if (outdir_open(o, rel, &f) == -1 || outfile_put(&f, data, len) == -1)
		return -1;
	return outfile_close(&f);
}

int
outseek_open(struct outseek *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	if ((s->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1)
		return -1;
	s->buf = xmalloc(OUTSEEK_BUF);
	return 0;
}

/* Writes n bytes at file offset off, all of them. */
static int
pwrite_all(int fd, const char *p, size_t n, unsigned long long off)
{
	ssize_t k;

	while (n > 0) {
		if ((k = pwrite(fd, p, n, (off_t)off)) < 0) {
			if (errno == EINTR && !out_interrupted())
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
		off += (unsigned long long)k;
	}
	return 0;
}

/* Notes the first failure (errno) and returns -1. */
static int
outseek_fail(struct outseek *s)
{
	if (s->err == 0)
		s->err = errno ? errno : EIO;
	errno = s->err;
	return -1;
}

int
outseek_flush(struct outseek *s)
{
	if (s->err) {
		errno = s->err;
		return -1;
	}
	if (s->len > 0 && pwrite_all(s->fd, s->buf, s->len, s->base) == -1)
		return outseek_fail(s);
	s->len = 0;
	s->base = s->pos;
	return 0;
}

int
outseek_write(struct outseek *s, const void *data, size_t n)
{
	unsigned long long at;

	if (s->err) {
		errno = s->err;
		return -1;
	}
	/* The buffer holds [base, base + len): a write that would leave a
	 * hole in it or run past its end starts a new one there. */
	if (s->pos < s->base || s->pos > s->base + s->len ||
	    s->pos - s->base + n > OUTSEEK_BUF) {
		if (outseek_flush(s) == -1)
			return -1;
		if (n >= OUTSEEK_BUF) {
			if (pwrite_all(s->fd, data, n, s->pos) == -1)
				return outseek_fail(s);
			s->pos += n;
			s->base = s->pos;
			if (s->size < s->pos)
				s->size = s->pos;
			return 0;
		}
	}
	at = s->pos - s->base;
	memcpy(s->buf + at, data, n);
	if (s->len < at + n)
		s->len = (size_t)(at + n);
	s->pos += n;
	if (s->size < s->pos)
		s->size = s->pos;
	return 0;
}

int
outseek_seek(struct outseek *s, long long off, int whence)
{
	long long from = whence == SEEK_SET ? 0 : whence == SEEK_CUR ?
	    (long long)s->pos : whence == SEEK_END ? (long long)s->size : -1;

	if (from < 0 || (off < 0 && -off > from)) {
		errno = EINVAL;
		return -1;
	}
	s->pos = (unsigned long long)(from + off);
	return 0;
}

int
outseek_close(struct outseek *s)
{
	int rc = outseek_flush(s), err = errno;

	if (s->fd != -1 && close(s->fd) == -1 && rc == 0) {
		rc = -1;
		err = errno;
	}
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	errno = err;
	return rc;
}

/* Writes all of parts[0..n) (at most 16) to fd. */
static int
writev_fd(int fd, const struct iovec *parts, int n)
{
	struct iovec v[16];
	ssize_t k;
	int i = 0;

	if (n > 16) {
		errno = EINVAL;
		return -1;
	}
	memcpy(v, parts, (size_t)n * sizeof(*v));
	while (i < n) {
		if ((k = writev(fd, v + i, n - i)) < 0) {
			if (errno == EINTR && !out_interrupted())
				continue;
			return -1;
		}
		/* past the parts written whole, into the next one */
		for (; i < n && (size_t)k >= v[i].iov_len; i++)
			k -= (ssize_t)v[i].iov_len;
		if (i < n) {
			v[i].iov_base = (char *)v[i].iov_base + k;
			v[i].iov_len -= (size_t)k;
		}
	}
	return 0;
}

int
outdir_writev(struct outdir *o, const char *rel, const struct iovec *parts,
    int n)
{
	struct outfile f;

	if (outdir_open(o, rel, &f) == -1)
		return -1;
	if (writev_fd(f.fd, parts, n) == -1)
		return outfile_fail(&f);
	return outfile_close(&f);
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
		if (write_file(path, data, len, 0, 0) == -1)
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
	if (write_file(tmp, data, len, 1, 1) == -1)
		rc = sys_error("cannot write '%s': %s", path, strerror(errno));
	else if (out_interrupted()) {
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

/* The name a user knows for a temporary of tmp_name(): DIR/.BASE.tmp-PID
 * is shown as DIR/BASE. */
void
out_shown_name(struct buf *b, const char *path)
{
	const char *base = strrchr(path, '/'), *t;

	base = base ? base + 1 : path;
	if (base[0] != '.' || (t = strstr(base, ".tmp-")) == NULL) {
		buf_puts(b, path);
		return;
	}
	buf_put(b, path, (size_t)(base - path));
	buf_put(b, base + 1, (size_t)(t - base - 1));
}

int
file_write_new(const char *path, const void *data, size_t len)
{
	struct buf b = BUF_INIT;
	int rc = 0;

	if (write_file(path, data, len, 1, 1) == -1) {
		out_shown_name(&b, path);
		rc = sys_error("cannot write '%s': %s", b.data,
		    strerror(errno));
		buf_release(&b);
	}
	return rc;
}

/* ---- a pack: both outputs replaced together ----
 *
 * The commit of OUT/ID (the HTML folder) and OUT/ID.epub:
 *   1. both are complete in temporaries, and synced to the disk;
 *   2. signals are held;
 *   3. the journal OUT/.ID.commit-PID names the temporaries' inodes;
 *   4. the EPUB is renamed into place (the old one kept as a link);
 *   5. the HTML folder is swapped into place;
 *   6. the journal and the old outputs are removed; signals return.
 * A failure in 4 or 5 puts the old outputs back.  SIGKILL or a crash
 * between 3 and 6 leaves the journal: the next run that locks the pack
 * finishes 4 and 5 from it before anything else, so a reader finds the
 * old pair or the new pair, never one of each, from that run on. */

static int
lock_pack(struct outpack *op)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s/.%s.lock", op->dir, op->id);
	op->lock_fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	buf_release(&p);
	if (op->lock_fd == -1)
		return -1;
	if (flock(op->lock_fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return -1;
	fprintf(stderr, "lecturepack: note: waiting for another run that "
	    "writes '%s/%s'\n", op->dir, op->id);
	while (flock(op->lock_fd, LOCK_EX) == -1)
		if (errno != EINTR || out_interrupted())
			return -1;
	return 0;
}

/* The inode of `path`, or 0. */
static unsigned long long
inode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* Puts the folder `tmp` at `final`; the old one, if any, ends at `tmp`
 * (or is removed when the system cannot swap). */
static int
swap_in(const char *tmp, const char *final)
{
	struct buf old = BUF_INIT;
	int rc = 0;

#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != ENOENT && errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	buf_printf(&old, "%s.old", tmp);
	if (rename(final, old.data) == -1 && errno != ENOENT)
		rc = -1;
	else if (rename(tmp, final) == -1) {
		rc = -1;
		rename(old.data, final);
	} else
		rename(old.data, tmp);
	buf_release(&old);
	return rc;
}

/* Finishes what a killed run's journal names, then drops the journal. */
static void
replay(struct outpack *op, const char *journal, long pid)
{
	struct buf t = BUF_INIT, f = BUF_INIT;
	unsigned long long ino;
	char kind[8];
	FILE *fp;

	if ((fp = fopen(journal, "r")) == NULL)
		return;
	while (fscanf(fp, "%7s %llu", kind, &ino) == 2) {
		buf_clear(&t);
		buf_clear(&f);
		if (strcmp(kind, "epub") == 0) {
			buf_printf(&t, "%s/.%s.epub.tmp-%ld", op->dir, op->id,
			    pid);
			buf_printf(&f, "%s/%s.epub", op->dir, op->id);
			if (ino != 0 && inode_of(t.data) == ino)
				rename(t.data, f.data);
		} else if (strcmp(kind, "html") == 0) {
			buf_printf(&t, "%s/.%s.tmp-%ld", op->dir, op->id, pid);
			buf_printf(&f, "%s/%s", op->dir, op->id);
			if (ino != 0 && inode_of(t.data) == ino)
				swap_in(t.data, f.data);
		}
	}
	fclose(fp);
	unlink(journal);
	buf_release(&t);
	buf_release(&f);
}

static void
replay_entry(void *ctx, const char *path, long pid)
{
	if (pid == -1)
		unlink(path);
	else
		replay(ctx, path, pid);
}

/* Replays every journal of this pack: the lock is held, so none of them
 * belongs to a running process. */
static void
recover(struct outpack *op)
{
	struct buf pre = BUF_INIT;

	buf_printf(&pre, ".%s.commit-", op->id);
	scan_pid_entries(op->dir, pre.data, replay_entry, op);
	buf_release(&pre);
}

int
outpack_begin(struct outpack *op, const char *out, const char *id,
    int html, int epub)
{
	struct buf b = BUF_INIT;

	memset(op, 0, sizeof(*op));
	op->lock_fd = -1;
	op->dir = xstrdup(out);
	op->id = xstrdup(id);
	if (mkdir_p(out) == -1) {
		sys_error("cannot create '%s': %s", out, strerror(errno));
		goto fail;
	}
	if (lock_pack(op) == -1) {
		/* Named as the user knows them: the outputs it cannot write. */
		if (!out_interrupted() && epub)
			sys_error("cannot write '%s/%s.epub': %s", out, id,
			    strerror(errno));
		if (!out_interrupted() && html)
			sys_error("cannot write '%s/%s': %s", out, id,
			    strerror(errno));
		goto fail;
	}
	recover(op);
	if (epub) {
		buf_printf(&b, "%s/%s.epub", out, id);
		op->epub = buf_detach(&b, NULL);
		op->epub_tmp = tmp_name(op->epub, &b);
		clean_stale(b.data, strrchr(op->epub, '/') + 1);
		buf_clear(&b);
	}
	if (html) {
		buf_printf(&b, "%s/%s", out, id);
		if (outdir_begin(&op->html, b.data) == -1)
			goto fail;
		op->has_html = 1;
	}
	buf_release(&b);
	return 0;
fail:
	buf_release(&b);
	outpack_abort(op);
	return -1;
}

static void
hold_signals(sigset_t *old, int hold)
{
	sigset_t set;

	if (!hold) {
		pthread_sigmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

/* Steps 3 to 5.  Returns 0, or -1 with the old outputs back in place. */
static int
swap_pack(struct outpack *op, const char *journal, const char *keep)
{
	struct buf j = BUF_INIT;
	int had_epub = 0, rc = 0;

	if (op->epub)
		buf_printf(&j, "epub %llu\n", inode_of(op->epub_tmp));
	if (op->has_html)
		buf_printf(&j, "html %llu\n", inode_of(op->html.tmp));
	if (write_file(journal, j.data, j.len, 1, 1) == -1) {
		buf_release(&j);
		return sys_error("cannot write '%s': %s", journal,
		    strerror(errno));
	}
	buf_release(&j);
	if (op->epub) {
		/* 1: the old EPUB is kept at `keep`; 0: there was none;
		 * -1: it cannot be kept, so a failure leaves the new one. */
		unlink(keep);
		had_epub = link(op->epub, keep) == 0 ? 1 : errno == ENOENT ?
		    0 : -1;
		if (rename(op->epub_tmp, op->epub) == -1) {
			rc = sys_error("cannot write '%s': %s", op->epub,
			    strerror(errno));
			goto out;
		}
	}
	if (op->has_html && swap_in(op->html.tmp, op->html.final) == -1) {
		rc = sys_error("cannot replace '%s': %s", op->html.final,
		    strerror(errno));
		if (op->epub && had_epub == 1)
			rename(keep, op->epub);
		else if (op->epub && had_epub == 0)
			unlink(op->epub);
	}
out:
	unlink(journal);
	return rc;
}

/* Swaps one pack in (signals held by the caller); then the previous
 * pack, now at the temporary names, is removed.  Returns 0 or -1. */
static int
commit_one(struct outpack *op)
{
	struct buf journal = BUF_INIT, keep = BUF_INIT;
	int rc;

	buf_printf(&journal, "%s/.%s.commit-%ld", op->dir, op->id,
	    (long)getpid());
	if (op->epub)
		buf_printf(&keep, "%s.old", op->epub_tmp);
	rc = swap_pack(op, journal.data, keep.data);
	if (op->epub)
		unlink(keep.data);
	buf_release(&journal);
	buf_release(&keep);
	return rc;
}

int
outpack_commit_all(struct outpack *const *ops, size_t n, int *rcs)
{
	sigset_t old;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		rcs[i] = ops[i]->html.failed ? -1 : 0;
	/* One sync for every pack of the run (they share OUT): the new
	 * files are on disk before any of them replaces an old one. */
	if (out_interrupted())
		rc = -1;
	else if (n > 0 && out_sync_fs(ops[0]->dir) == -1)
		rc = sys_error("cannot write '%s/%s': %s", ops[0]->dir,
		    n == 1 ? ops[0]->id : "*", strerror(errno));
	if (rc == 0) {
		hold_signals(&old, 1);
		for (i = 0; i < n; i++)
			if (rcs[i] == 0)
				rcs[i] = commit_one(ops[i]);
		if (n > 0)
			out_sync_fs(ops[0]->dir);
		/* After a swap the old pack is at the temporary name. */
		for (i = 0; i < n; i++)
			if (rcs[i] == 0 && ops[i]->has_html &&
			    remove_tree(ops[i]->html.tmp) == -1)
				rcs[i] = sys_error("cannot remove the previous "
				    "'%s', left at '%s': %s",
				    ops[i]->html.final, ops[i]->html.tmp,
				    strerror(errno));
		hold_signals(&old, 0);
	}
	for (i = 0; i < n; i++) {
		if (rc == -1)
			rcs[i] = -1;
		outpack_abort(ops[i]);
		if (rcs[i] == -1)
			rc = -1;
	}
	return rc;
}

int
outpack_commit(struct outpack *op)
{
	int rc;

	return outpack_commit_all(&op, 1, &rc);
}

void
outpack_abort(struct outpack *op)
{
	if (op->epub_tmp)
		unlink(op->epub_tmp);
	if (op->has_html)
		outdir_abort(&op->html);
	op->has_html = 0;
	free(op->epub_tmp);
	free(op->epub);
	free(op->dir);
	free(op->id);
	op->epub_tmp = op->epub = op->dir = op->id = NULL;
	if (op->lock_fd != -1)
		close(op->lock_fd);
	op->lock_fd = -1;
}
