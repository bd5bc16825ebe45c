// Writing a pack is all or none: a file that cannot be written leaves no
// other file, no temporary file, and an earlier pack of the same name as it was.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvPaths, formatOf, writeAll } from '../../store/exports/write-pack';

describe('writing the board pack', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-write-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes nothing when one of the files cannot be written, and keeps the earlier pack', () => {
    fs.writeFileSync(path.join(dir, 'pack-summary.csv'), 'last month');
    const files = [
      { path: path.join(dir, 'pack-summary.csv'), bytes: Buffer.from('this month') },
      { path: path.join(dir, 'gone', 'pack-actions.csv'), bytes: Buffer.from('x') },
    ];
    expect(() => writeAll(files)).to.throw(`cannot write ${files[1].path}: there is no such folder; nothing was written`);
    expect(fs.readdirSync(dir)).to.deep.equal(['pack-summary.csv']);
    expect(fs.readFileSync(path.join(dir, 'pack-summary.csv'), 'utf8')).to.equal('last month');
  });

  it('replaces an earlier pack once every file is written', () => {
    fs.writeFileSync(path.join(dir, 'pack.xlsx'), 'old');
    writeAll([{ path: path.join(dir, 'pack.xlsx'), bytes: Buffer.from('new') }]);
    expect(fs.readdirSync(dir)).to.deep.equal(['pack.xlsx']);
    expect(fs.readFileSync(path.join(dir, 'pack.xlsx'), 'utf8')).to.equal('new');
  });

  it('takes the format from the extension, and names the .csv lists after --out', () => {
    expect(['a.xlsx', 'a.DOCX', 'a.csv', 'a.pdf', 'a'].map(formatOf)).to.deep.equal(['xlsx', 'docx', 'csv', undefined, undefined]);
    expect(csvPaths('out/board.csv')).to.deep.equal(
      ['summary', 'actions', 'exceptions', 'kpis', 'history', 'trend'].map((l) => `out/board-${l}.csv`),
    );
  });
});
