/* escape.c - HTML/XML, JSON, CSV and URL escaping (see escape.h). */
#include "escape.h"

#include <string.h>

void
esc_html(struct buf *out, const char *s, size_t len)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				rep = "";
			else
				continue;
		}
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_put(out, s + start, len - start);
}

void
esc_html_str(struct buf *out, const char *s)
{
	esc_html(out, s, strlen(s));
}

void
esc_json_str(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	buf_putc(out, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '\r': buf_puts(out, "\\r"); break;
		case 0xE2:
			/* U+2028 and U+2029 end a line in older JavaScript. */
			if (p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				buf_puts(out, p[2] == 0xA8 ? "\\u2028" :
				    "\\u2029");
				p += 2;
				break;
			}
			buf_putc(out, *p);
			break;
		default:
			if (*p < 0x20) {
				buf_puts(out, "\\u00");
				buf_putc(out, hex[*p >> 4]);
				buf_putc(out, hex[*p & 15]);
			} else
				buf_putc(out, *p);
		}
	}
	buf_putc(out, '"');
}

void
esc_csv(struct buf *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

void
esc_url(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '^' || *p == '`' ||
		    *p == '{' || *p == '|' || *p == '}') {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		} else if (*p == '&')
			buf_puts(out, "&amp;");
		else if (*p == '\'')
			buf_puts(out, "&#39;");
		else
			buf_putc(out, *p);
	}
}
