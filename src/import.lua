-- import.lua - the Pandoc Lua filter `lecturepack import` runs on a Word
-- (or OpenDocument) file read with `pandoc --track-changes=all`.
--
-- It tidies what lectures kept in Word look like, so that the Markdown
-- written is the Markdown lecturers would have typed (SPEC 3):
--   * bold numbered paragraphs without a heading style ("I.", "1.",
--     "1.1.", "a)") become headings: Roman numerals over "1." over
--     "1.1." over "1.1.1." over "a)", the top kind found at level 2 (the
--     title is the front matter's), no level skipped;
--   * heading styles are shifted so that the top one is level 2; a
--     first heading is the title when the document has none;
--   * manual line breaks are joined, non-breaking spaces made plain,
--     empty paragraphs dropped (Pandoc already drops page breaks);
--   * tracked changes are accepted (insertions kept, deletions dropped),
--     comments and equations dropped, raw Word or HTML fragments dropped;
--   * a table without a header row gets its first row as the header (a
--     pipe table must have one) and cells are one line each;
--   * image paths are made relative to the lecture's folder.
-- Everything not carried over is reported to stderr, one line each:
--   lecturepack-import<TAB>PARAGRAPH<TAB>KIND<TAB>TEXT<TAB>START
-- where PARAGRAPH counts the document's paragraphs that Pandoc kept
-- (headings, list items and table cells too) in order, KIND names what
-- happened, TEXT is the text concerned and START the paragraph's first
-- words; the title is reported as KIND "title".  The C side
-- (src/import.c) turns these into located warnings.
--
-- Written for Pandoc 2.17 (Debian 12) and later.

local para_no = 0
local para_start = ""
local media_from, media_to = nil, nil

local function clip(s, n)
	s = s:gsub("%s+", " ")
	if utf8.len(s) == nil or utf8.len(s) <= n then
		return s
	end
	return s:sub(1, utf8.offset(s, n + 1) - 1) .. "…"
end

local function report(kind, text)
	if kind ~= "title" then
		text = clip(text, 60)
	end
	io.stderr:write(string.format("lecturepack-import\t%d\t%s\t%s\t%s\n",
	    para_no, kind, text:gsub("[\t\n]", " "), clip(para_start, 30)))
end

local function has_class(el, class)
	for _, c in ipairs(el.classes or {}) do
		if c == class then
			return true
		end
	end
	return false
end

-- Str elements with non-breaking spaces become words and spaces.
local function split_nbsp(s)
	local out = pandoc.List()
	local first = true
	for word in (s .. "\194\160"):gmatch("(.-)\194\160") do
		if not first then
			out:insert(pandoc.Space())
		end
		first = false
		if word ~= "" then
			out:insert(pandoc.Str(word))
		end
	end
	return out
end

local inline_filter = {
	Span = function(el)
		if has_class(el, "insertion") then
			report("insertion", pandoc.utils.stringify(el))
			return el.content
		elseif has_class(el, "deletion") then
			report("deletion", pandoc.utils.stringify(el))
			return {}
		elseif has_class(el, "comment-start") then
			report("comment", pandoc.utils.stringify(el))
			return {}
		elseif has_class(el, "comment-end") then
			return {}
		end
		return el.content
	end,
	Math = function(el)
		report("equation", el.text)
		return {}
	end,
	RawInline = function(el)
		report("raw", el.text)
		return {}
	end,
	LineBreak = function()
		return pandoc.Space()
	end,
	Underline = function(el)
		return el.content
	end,
	SmallCaps = function(el)
		return el.content
	end,
	Str = function(el)
		if el.text:find("\194\160", 1, true) then
			return split_nbsp(el.text)
		end
		-- A soft hyphen or zero-width space is invisible in Word.
		local t = el.text:gsub("\194\173", ""):gsub("\226\128\139", "")
		if t ~= el.text then
			return pandoc.Str(t)
		end
	end,
	Image = function(el)
		-- Pandoc 2.17 rewrites the paths of the media it extracts
		-- after the filters, later ones before: both are handled.
		if media_from and el.src:sub(1, #media_from) == media_from then
			el.src = media_to .. el.src:sub(#media_from + 1)
		elseif media_to and not el.src:match("^%a[%w+.-]*:") and
		    not el.src:match("^/") then
			el.src = media_to .. "/" .. el.src
		end
		el.attr = pandoc.Attr()
		return el
	end,
}

-- Spaces at either end of a paragraph, and doubled ones, go.
local function trim(inlines)
	local out = pandoc.List()
	for _, el in ipairs(inlines) do
		local sp = el.t == "Space" or el.t == "SoftBreak"
		if not (sp and (#out == 0 or out[#out].t == "Space")) then
			out:insert(sp and pandoc.Space() or el)
		end
	end
	while #out > 0 and out[#out].t == "Space" do
		out:remove()
	end
	return out
end

local tidy_blocks

-- A paragraph-like block: counted, its inlines tidied (a footnote's
-- paragraphs are tidied too, counted as part of the paragraph).
local function tidy_text(el)
	para_no = para_no + 1
	para_start = pandoc.utils.stringify(pandoc.walk_block(el, {
		Span = function(sp)
			if has_class(sp, "deletion") or has_class(sp, "comment-start") then
				return {}
			end
		end,
		Note = function()
			return {}
		end,
		Math = function()
			return {}
		end,
	}))
	el = pandoc.walk_block(el, {
		Note = function(n)
			return pandoc.Note(tidy_blocks(n.content, true))
		end,
	})
	el = pandoc.walk_block(el, inline_filter)
	el.content = trim(el.content)
	if #el.content == 0 then
		return nil
	end
	return el
end

-- A table cell as one line of inlines (a pipe table cell is one line).
local function flat_cell(blocks)
	local out = pandoc.List()
	for _, b in ipairs(tidy_blocks(blocks)) do
		if #out > 0 then
			out:insert(pandoc.Space())
		end
		if b.t == "Para" or b.t == "Plain" or b.t == "Header" then
			out:extend(b.content)
		else
			out:insert(pandoc.Str(pandoc.utils.stringify(b)))
		end
	end
	-- A header cell in bold: the header row is bold already.
	if #out == 1 and out[1].t == "Strong" then
		out = out[1].content
	end
	return #out > 0 and { pandoc.Plain(out) } or {}
end

local function tidy_table(el)
	local t = pandoc.utils.to_simple_table(el)
	local empty = true
	for i, c in ipairs(t.headers) do
		t.headers[i] = flat_cell(c)
		if #t.headers[i] > 0 then
			empty = false
		end
	end
	for r, row in ipairs(t.rows) do
		for i, c in ipairs(row) do
			row[i] = flat_cell(c)
		end
		t.rows[r] = row
	end
	if empty and #t.rows > 0 then
		t.headers = table.remove(t.rows, 1)
	end
	return pandoc.utils.from_simple_table(t)
end

function tidy_blocks(blocks, in_note)
	local out = pandoc.List()
	for _, b in ipairs(blocks) do
		local t = b.t
		if t == "Para" or t == "Plain" or t == "Header" then
			if in_note then
				b = pandoc.walk_block(b, inline_filter)
				b.content = trim(b.content)
				if #b.content == 0 then
					b = nil
				end
			else
				b = tidy_text(b)
			end
			if b then
				out:insert(b)
			end
		elseif t == "BulletList" or t == "OrderedList" then
			for i, item in ipairs(b.content) do
				b.content[i] = tidy_blocks(item, in_note)
			end
			out:insert(b)
		elseif t == "BlockQuote" then
			b.content = tidy_blocks(b.content, in_note)
			out:insert(b)
		elseif t == "Div" then
			-- Word's text boxes, custom styles ...: their text stays.
			out:extend(tidy_blocks(b.content, in_note))
		elseif t == "Table" then
			out:insert(tidy_table(b))
		elseif t == "RawBlock" then
			report("raw", b.text)
		else
			out:insert(b)
		end
	end
	return out
end

------------------------------------------------------------------------
-- Headings

-- The kind of a paragraph typed as a heading: its text is bold from
-- start to end and starts with a number; nil otherwise.
local function numbered_kind(el)
	if el.t ~= "Para" or #el.content ~= 1 or el.content[1].t ~= "Strong" then
		return nil
	end
	local first = el.content[1].content[1]
	if first == nil or first.t ~= "Str" then
		return nil
	end
	-- A heading is short: a bold sentence that happens to start with a
	-- number is body text.
	local len = utf8.len(pandoc.utils.stringify(el)) or 0
	if len > 160 then
		return nil
	end
	local n = first.text
	if n:match("^[IVXL]+%.$") then
		return 1
	elseif n:match("^%d+%.$") then
		return 2
	elseif n:match("^%d+%.%d+%.?$") then
		return 3
	elseif n:match("^%d+%.%d+%.%d+%.?$") then
		return 4
	elseif n:match("^[a-z]%)$") or n == "đ)" then
		return 5
	end
	return nil
end

local function headings(blocks, meta)
	local kinds, present, top = {}, {}, nil
	-- A document without a title: its first heading, if it opens it.
	if meta.title == nil and #blocks > 0 and blocks[1].t == "Header" then
		meta.title = pandoc.MetaInlines(blocks[1].content)
		blocks:remove(1)
	end
	for i, b in ipairs(blocks) do
		kinds[i] = numbered_kind(b)
		if kinds[i] then
			present[kinds[i]] = true
		end
		if b.t == "Header" and (top == nil or b.level < top) then
			top = b.level
		end
	end
	local level, next_level = {}, 2
	for k = 1, 5 do
		if present[k] then
			level[k] = math.min(next_level, 6)
			next_level = next_level + 1
		end
	end
	local out = pandoc.List()
	for i, b in ipairs(blocks) do
		if kinds[i] then
			out:insert(pandoc.Header(level[kinds[i]], b.content[1].content))
		elseif b.t == "Header" then
			b.level = math.min(b.level - top + 2, 6)
			out:insert(b)
		else
			out:insert(b)
		end
	end
	return out
end

function Pandoc(doc)
	local meta = doc.meta
	if meta.lp_media_from then
		media_from = pandoc.utils.stringify(meta.lp_media_from)
		media_to = pandoc.utils.stringify(meta.lp_media_to)
	end
	local blocks = headings(tidy_blocks(doc.blocks), meta)
	para_no = 0
	para_start = ""
	if meta.title then
		report("title", pandoc.utils.stringify(meta.title))
	end
	return pandoc.Pandoc(blocks, meta)
end
