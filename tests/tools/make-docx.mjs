// make-docx.mjs - writes the Word documents tests/import.sh imports.
//
//   node tests/tools/make-docx.mjs OUTDIR
//
// They look like the lectures centers keep in Word: Vietnamese text, a
// Title paragraph, headings typed as bold numbered paragraphs (no
// heading style), a numbered list, a table of targets, footnotes, an
// embedded picture, a manual line break, empty paragraphs and a page
// break, a tracked change, a comment, an equation and a text box, and
// sections that name the XII and the XIII Congress and a provincial and a
// district congress.
// Made here, by the npm package docx (pinned in tests/package.json),
// rather than committed as binaries, so that a reader sees what is in them.
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";
import {
	AlignmentType, CommentRangeEnd, CommentRangeStart, CommentReference,
	DeletedTextRun, Document, FootnoteReferenceRun, HeadingLevel, ImageRun,
	InsertedTextRun, LevelFormat, Math as OMath, MathRun, Packer, PageBreak,
	Paragraph, Table, TableCell, TableRow, Textbox, TextRun, WidthType,
} from "docx";

// docx stamps core.xml and comments with the clock: a fixed time keeps
// the documents, and the 'updated' the import reads, the same each run.
const FIXED = Date.UTC(2023, 4, 15, 8, 30, 0);
const RealDate = Date;
globalThis.Date = class extends RealDate {
	constructor(...a) { if (a.length) super(...a); else super(FIXED); }
	static now() { return FIXED; }
};

// A small PNG (a red-and-gold flag-like block), written by hand: no
// image tool needed.
function crc32(buf) {
	let c, crc = 0xffffffff;
	for (const b of buf) {
		c = (crc ^ b) & 0xff;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		crc = (crc >>> 8) ^ c;
	}
	return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
	const len = Buffer.alloc(4), crc = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}
function png(w, h) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; ihdr[9] = 2;	// 8-bit RGB
	const rows = [];
	for (let y = 0; y < h; y++) {
		const row = [0];
		for (let x = 0; x < w; x++) {
			const star = Math.abs(x - w / 2) + Math.abs(y - h / 2) < h / 4;
			row.push(star ? 255 : 218, star ? 205 : 37, star ? 0 : 29);
		}
		rows.push(Buffer.from(row));
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", ihdr),
		chunk("IDAT", deflateSync(Buffer.concat(rows))),
		chunk("IEND", Buffer.alloc(0)),
	]);
}

const bold = (text) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
const para = (...runs) => new Paragraph({
	children: runs.map((r) => typeof r === "string" ? new TextRun(r) : r),
});
const note = (text) => new FootnoteReferenceRun({ children: [new Paragraph(text)] });
const change = { author: "Trần Thị Bình", date: "2023-05-10T09:00:00Z" };
const cell = (text, b) => new TableCell({
	children: [new Paragraph({ children: [new TextRun({ text, bold: !!b })] })],
});
const row = (cells, b) => new TableRow({ children: cells.map((t) => cell(t, b)) });
const item = (text) => new Paragraph({
	children: [new TextRun(text)],
	numbering: { reference: "so", level: 0 },
});

function lecture() {
	const body = [
		new Paragraph({
			heading: HeadingLevel.TITLE,
			children: [new TextRun("Bài 5. Xây dựng Đảng trong sạch, vững mạnh")],
		}),
		new Paragraph(""),
		bold("I. MỤC ĐÍCH, YÊU CẦU"),
		// Typed line by line (Shift+Enter), with double and non-breaking spaces.
		// "học viên" typed with combining marks (NFD): NFC once imported.
		para(new TextRun("Giúp " + "học viên".normalize("NFD") + " nắm được những vấn đề cơ bản về"),
		    new TextRun({ text: "công tác xây dựng Đảng,  chỉnh đốn Đảng", break: 1 }),
		    new TextRun(" trong giai\u00a0đoạn hiện nay.")),
		bold("1. Về kiến thức"),
		para("Nắm được quan điểm của Nghị quyết Đại hội XII về tăng cường xây dựng, "
		    + "chỉnh đốn Đảng", note("Đảng Cộng sản Việt Nam, Văn kiện Đại hội đại biểu "
		    + "toàn quốc lần thứ XII, Nxb. Chính trị quốc gia Sự thật, Hà Nội, 2016."), "."),
		new Paragraph(""),
		new Paragraph({ children: [new PageBreak()] }),
		bold("II. NỘI DUNG"),
		bold("1. Bối cảnh"),
		para("Sau 5 năm thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII, ",
		    new DeletedTextRun({ text: "một số", id: 1, ...change }),
		    new InsertedTextRun({ text: "nhiều", id: 2, ...change }),
		    " kết quả quan trọng đã đạt được trong công tác xây dựng Đảng."),
		bold("2. Mục tiêu đến năm 2025"),
		para("Đại hội XIII của Đảng xác định tiếp tục đẩy mạnh xây dựng, chỉnh đốn "
		    + "Đảng và hệ thống chính trị trong sạch, vững mạnh toàn diện",
		    note("Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII, tập I, tr. 115."), "."),
		bold("2.1. Các chỉ tiêu chủ yếu"),
		para("Bảng dưới so sánh nhiệm kỳ 2015–2020 với nhiệm kỳ 2020-2025:"),
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			rows: [
				row(["Chỉ tiêu", "Nhiệm kỳ 2015–2020", "Nhiệm kỳ 2020–2025"], true),
				row(["Kết nạp đảng viên mới (người/năm)", "150.000", "200.000"]),
				row(["Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "90%", "trên 90%"]),
			],
		}),
		para("Tốc độ tăng trưởng bình quân ", new OMath({
			children: [new MathRun("g = 6,5%")] }), " mỗi năm."),
		para("Các nhiệm vụ trọng tâm:"),
		item("Tăng cường xây dựng Đảng về chính trị, tư tưởng, đạo đức."),
		item("Kiện toàn tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả."),
		item("Đẩy mạnh đấu tranh phòng, chống tham nhũng, lãng phí."),
		bold("a) Về công tác cán bộ"),
		new Paragraph({ children: [
			new CommentRangeStart(0),
			new TextRun("Tập trung xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược."),
			new CommentRangeEnd(0),
			new TextRun({ children: [new CommentReference(0)] }),
		] }),
		para("Xem khung bên: ", new Textbox({
			children: [new Paragraph("Số liệu năm 2023 của Ban Tổ chức Tỉnh ủy")],
			style: { width: "2in", height: "auto" },
		})),
		bold("3. Liên hệ địa phương"),
		para("Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX đề ra mục tiêu xây "
		    + "dựng Đảng bộ tỉnh trong sạch, vững mạnh."),
		new Paragraph({
			alignment: AlignmentType.CENTER,
			children: [new ImageRun({
				type: "png",
				data: png(48, 32),
				transformation: { width: 96, height: 64 },
				altText: { title: "Cờ Đảng", description: "Cờ Đảng", name: "co-dang" },
			})],
		}),
		para("Đại hội Đảng bộ huyện Yên Phong lần thứ XXV cụ thể hóa các mục tiêu đó."),
	];
	return new Document({
		title: "Bài 5. Xây dựng Đảng trong sạch, vững mạnh",
		creator: "Nguyễn Văn An",
		comments: { children: [{
			id: 0, author: "Trần Thị Bình", initials: "TB",
			children: [new Paragraph("Cần bổ sung số liệu của huyện.")],
		}] },
		numbering: { config: [{
			reference: "so",
			levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.",
				alignment: AlignmentType.START }],
		}] },
		sections: [{ children: body }],
	});
}

// No title property and no Title paragraph: the id comes from the file
// name.  Marks from a term and from capitals; a commune's congress.
function short() {
	return new Document({
		creator: "Lê Văn Cường; Đỗ Thị Hoa",
		sections: [{ children: [
			bold("I. ĐẶT VẤN ĐỀ"),
			para("Bài giảng bổ sung theo tinh thần Đại hội lần thứ XIV của Đảng."),
			bold("II. NỘI DUNG CHÍNH"),
			para("Nội dung bám sát giáo trình cũ, theo NGHỊ QUYẾT ĐẠI HỘI XII."),
			bold("III. NHIỆM VỤ NHIỆM KỲ 2020 – 2025"),
			para("Nghị quyết Đại hội đại biểu Đảng bộ xã Tam Sơn lần thứ XXVI "
			    + "đề ra ba khâu đột phá."),
			bold("IV. LIÊN HỆ THỰC TIỄN"),
			para("Đại hội XIV của Đảng bộ huyện Gia Bình đã cụ thể hóa Nghị "
			    + "quyết Đại hội Đảng lần thứ XIII; Đại hội XX bàn về nhân sự."),
		] }],
	});
}

// Word's own heading styles: the first heading is the title, the others
// move up to start at level 2.
function styled() {
	const h = (heading, text) => new Paragraph({ heading, children: [new TextRun(text)] });
	return new Document({
		creator: "Ban Tuyên giáo Huyện ủy",
		sections: [{ children: [
			h(HeadingLevel.HEADING_1, "Đề cương bài giảng: Công tác dân vận"),
			h(HeadingLevel.HEADING_2, "1. Quan điểm"),
			para("Dân là gốc; phát huy quyền làm chủ của Nhân dân."),
			h(HeadingLevel.HEADING_3, "1.1. Trong giai đoạn mới"),
			para("Đại hội XIII nhấn mạnh bài học “dân là gốc”."),
			h(HeadingLevel.HEADING_2, "2. Giải pháp"),
			para("Đổi mới nội dung, phương thức công tác dân vận."),
		] }],
	});
}

const out = process.argv[2] || ".";
mkdirSync(out, { recursive: true });
writeFileSync(`${out}/bai-cu.docx`, await Packer.toBuffer(lecture()));
writeFileSync(`${out}/Chuyen de bo sung.docx`, await Packer.toBuffer(short()));
writeFileSync(`${out}/de-cuong.docx`, await Packer.toBuffer(styled()));
