// Excel exports of the lists (case list, inbox, dashboard figures): the same filters as the
// paged list, all pages up to EXPORT_LIMIT rows.
export { workbook, sendWorkbook, beijing, EXPORT_LIMIT } from './workbook';
export type { Column, Sheet } from './workbook';
export { exportsRoutes } from './exports.routes';
