import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bodyLines } from './read-docx-body.js';
import { attribute, decodeEntities, scanXml } from './read-docx-xml.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const doc = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" ` +
  `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`;
const r = (text: string, props = '') => `<w:r>${props && `<w:rPr>${props}</w:rPr>`}<w:t>${text}</w:t></w:r>`;
const p = (...content: string[]) => `<w:p>${content.join('')}</w:p>`;
const tc = (content: string, props = '') => `<w:tc>${props && `<w:tcPr>${props}</w:tcPr>`}${content}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;
/** A row of one-paragraph cells; "" is an empty cell. */
const row = (...texts: string[]) => tr(...texts.map((t) => tc(t === '' ? '<w:p/>' : p(r(t)))));

const texts = (xml: string) => bodyLines(xml).map((l) => l.text);

describe('bodyLines: paragraphs and line numbers', () => {
  it('gives each paragraph outside tables and each table row the next line number', () => {
    const xml = doc(p(r('标题')) + p() + tbl(row('甲', '1'), row('乙', '2')) + p(r('结尾')));
    assert.deepEqual(bodyLines(xml), [
      { text: '标题', line: 1 },
      { text: '甲', line: 3 },
      { text: '1', line: 3 },
      { text: '乙', line: 4 },
      { text: '2', line: 4 },
      { text: '结尾', line: 5 },
    ]);
  });

  it('reads a tab in a run as a space, never a tab stop; a line break adds nothing', () => {
    const tabs = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>';
    assert.deepEqual(texts(doc(p(tabs, r('一、'), '<w:r><w:br/><w:tab/></w:r>', r('总体情况')))), [
      '一、 总体情况',
    ]);
  });

  it('drops hidden text, deletions, moves away, ruby text, field codes and VML copies', () => {
    const body = p(
      r('看得见'),
      r('隐藏', '<w:vanish/>'),
      r('不隐藏', '<w:vanish w:val="0"/>'),
      // The formatting before a tracked change: this run was hidden, and is not any more.
      r('改过格式', '<w:rPrChange w:id="3"><w:rPr><w:vanish/></w:rPr></w:rPrChange>'),
      '<w:moveFrom w:id="1">',
      r('移走'),
      '</w:moveFrom><w:moveTo w:id="2">',
      r('移来'),
      '</w:moveTo>',
      '<w:r><w:ruby><w:rt>zhù</w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:r>',
      '<w:r><w:instrText> PAGE </w:instrText></w:r>',
    );
    assert.deepEqual(texts(doc(body)), ['看得见不隐藏改过格式移来注']);
  });

  it('reads a text box once, though Word stores it twice (mc:Choice and the VML mc:Fallback)', () => {
    const box = p(r('框内文字'));
    const drawing =
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${box}` +
      `</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>${box}` +
      '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    assert.deepEqual(texts(doc(p(r('正文'), drawing))), ['框内文字', '正文']);
  });

  it('keeps a content control’s text unless it still shows its placeholder', () => {
    const control = (shows: string, text: string) =>
      `<w:sdt><w:sdtPr>${shows}<w:alias w:val="名称"/></w:sdtPr><w:sdtContent>${p(r(text))}</w:sdtContent></w:sdt>`;
    const xml = doc(
      control('', '填好的') + control('<w:showingPlcHdr/>', '单击此处输入文字。') + p(r('之后')),
    );
    assert.deepEqual(texts(xml), ['填好的', '之后']);
    // Around a table cell, the placeholder cell still counts: as a blank value here.
    const cell = `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>${tc(p(r('输入数字')))}</w:sdtContent></w:sdt>`;
    assert.deepEqual(texts(doc(tbl(tr(tc(p(r('行政许可'))), cell, tc(p(r('5'))))))), ['行政许可', '—', '5']);
  });

  it('reads the same with the namespace bound to another prefix or as the default', () => {
    const body = p(r('标题')) + tbl(row('行政许可', '3'));
    const expected = ['标题', '行政许可', '3'];
    assert.deepEqual(texts(doc(body)), expected);
    const rebound = body.replace(/<(\/?)w:/g, '<$1ns0:');
    assert.deepEqual(
      texts(`<ns0:document xmlns:ns0="${W}"><ns0:body>${rebound}</ns0:body></ns0:document>`),
      expected,
    );
    const bare = body.replace(/<(\/?)w:/g, '<$1');
    assert.deepEqual(texts(`<document xmlns="${W}"><body>${bare}</body></document>`), expected);
  });
});

describe('bodyLines: table cells', () => {
  it('reads each cell once: merged-down (vMerge, hMerge) and deleted cells are skipped', () => {
    const xml = doc(
      tbl(
        tr(
          tc(p(r('三、本年度办理结果')), '<w:vMerge w:val="restart"/>'),
          tc(p(r('（一）予以公开'))),
          tc(p(r('1'))),
        ),
        tr(tc('<w:p/>', '<w:vMerge/>'), tc(p(r('（七）总计'))), tc(p(r('1')))),
        tr(
          tc(p(r('合并')), '<w:hMerge w:val="restart"/>'),
          tc('<w:p/>', '<w:hMerge/>'),
          tc(p(r('删除')), '<w:cellDel/>'),
        ),
      ),
    );
    assert.deepEqual(texts(xml), ['三、本年度办理结果', '（一）予以公开', '1', '（七）总计', '1', '合并']);
  });

  it('ignores the merges of a cell before a tracked change to its properties', () => {
    const old = '<w:tcPrChange w:id="4"><w:tcPr><w:vMerge/></w:tcPr></w:tcPrChange>';
    assert.deepEqual(texts(doc(tbl(tr(tc(p(r('留下')), old))))), ['留下']);
  });

  it('joins a cell’s paragraphs and runs without a separator', () => {
    const cell = tc(
      p(r('（二）部分公开（区分处理的，'), '<w:r><w:br/></w:r>') +
        p(r('只计这一情形，'), r('不计其他情形）')),
    );
    assert.deepEqual(texts(doc(tbl(tr(cell)))), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）']);
  });

  it('prints an empty value cell as "—", and no line for cells that only pad headers or labels', () => {
    const xml = doc(
      tbl(
        row('', '申请人情况', ''), // a header's corner and an unmerged header: nothing
        row('', '', '1.属于国家秘密', '', '2'), // label columns left blank, then a blank value
        row('2.其他法律行政法规禁止公开', '', ''), // no number, but a row label: its blanks are values
        row('说明', ''), // neither a number nor a row label: a note, no blank value
        row('', '3', ''), // values only (section 四): every empty cell is a value
        row('', '', ''),
      ),
    );
    assert.deepEqual(texts(xml), [
      '申请人情况',
      '1.属于国家秘密',
      '—',
      '2',
      '2.其他法律行政法规禁止公开',
      '—',
      '—',
      '说明',
      '—',
      '3',
      '—',
    ]);
  });

  it('reads a nested table’s cells in place of its outer cell’s text', () => {
    const inner = tbl(row('内甲', '1'), row('内乙', ''));
    const xml = doc(tbl(tr(tc(p(r('外')) + inner + p(r('后'))), tc(p(r('旁'))))));
    assert.deepEqual(bodyLines(xml), [
      { text: '外', line: 1 },
      { text: '内甲', line: 2 },
      { text: '1', line: 2 },
      { text: '内乙', line: 3 },
      { text: '后', line: 1 },
      { text: '旁', line: 1 },
    ]);
  });
});

describe('scanXml', () => {
  it('decodes entities in text and attributes, and reads CDATA as it stands', () => {
    assert.equal(
      decodeEntities('&lt;&amp;lt;&gt;&quot;&apos;&#x4E00;&#19968;&#x110000;&nbsp;'),
      '<&lt;>"\'一一&#x110000;&nbsp;',
    );
    assert.equal(attribute(' w:val="a&amp;b" w14:val=\'x\'', 'w:val'), 'a&b');
    assert.equal(attribute(' w14:val="x"', 'w:val'), undefined);
    assert.deepEqual(texts(doc(p('<w:r><w:t><![CDATA[a<b&amp;]]></w:t></w:r>'))), ['a<b&amp;']);
  });

  it('skips comments and processing instructions, and reads a ">" inside an attribute value', () => {
    const xml = doc(
      `<!-- <w:p><w:r><w:t>注释</w:t></w:r></w:p> --><?mso-application progid="Word.Document"?>${p(
        '<w:fldSimple w:instr="IF 2 > 1 &quot;是&quot;">',
        r('结果'),
        '</w:fldSimple>',
      )}`,
    );
    assert.deepEqual(texts(xml), ['结果']);
  });

  it('reports start, empty and end tags in order', () => {
    const events: string[] = [];
    scanXml('<a x="1"><b/>t&amp;<c y=\'/\'></c></a>', {
      open: (name, attributes) => events.push(`<${name}${attributes}>`),
      close: (name) => events.push(`</${name}>`),
      text: (text) => events.push(text),
    });
    assert.deepEqual(events, ['<a x="1">', '<b>', '</b>', 't&', "<c y='/'>", '</c>', '</a>']);
  });

  it('never throws on malformed XML (property)', () => {
    const piece = fc.constantFrom(
      '<w:p>',
      '</w:p>',
      '<w:tbl>',
      '</w:tbl>',
      '<w:tr>',
      '</w:tr>',
      '<w:tc>',
      '</w:tc>',
      '<w:r>',
      '</w:r>',
      '<w:t>',
      '</w:t>',
      '<w:vMerge/>',
      '<w:del>',
      '</w:del>',
      '<w:sdt>',
      '<w:sdtContent>',
      '<w:showingPlcHdr/>',
      '</w:sdt>',
      '<',
      '>',
      '"',
      '&',
      '&#x;',
      '<!--',
      ']]>',
      '0',
      '标签',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 60 }), (parts) => {
        for (const line of bodyLines(parts.join(''))) {
          assert.notEqual(line.text, '', 'no empty line');
          assert.ok(Number.isInteger(line.line) && line.line >= 0, `line number ${line.line}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
