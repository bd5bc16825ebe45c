// The Word and Excel writers, loaded the first time a pack is written: docx
// and exceljs (with the zip and stream packages exceljs brings) hold about
// 40 MB resident once loaded, which a server that never exports, and every
// command but export, should not carry.
import type { BoardPack } from '../../core/board-pack/model';

export function boardPackToXlsx(pack: BoardPack): Promise<Buffer> {
  return (require('./xlsx') as typeof import('./xlsx')).boardPackToXlsx(pack);
}

export function boardPackToDocx(pack: BoardPack): Promise<Buffer> {
  return (require('./docx') as typeof import('./docx')).boardPackToDocx(pack);
}
