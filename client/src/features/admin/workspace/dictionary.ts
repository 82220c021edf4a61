// The package's data dictionary in what administrators read and type: deadlines are shown with
// Chinese labels and named dates (5日 自 收到信访材料之日, 日期 本季度末) and typed the same way;
// they are stored by variable name. The same code as the server's (server/calendar/dictionary.ts).
import { labelsToNames, namesToLabels, type Dictionary } from '../../../../../server/calendar/dictionary';

export type { Dictionary };
export { labelsToNames };
export const displayNotation = namesToLabels;
