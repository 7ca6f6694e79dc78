import { join } from 'node:path';
import { createPortalActivities } from '../activities/data-entry';
import { createDropFolderActivities } from '../activities/data-entry/drop-folder';
import { registerDataEntry } from '../client/data-entry/cli-data-entry';
import { dataEntrySchedules } from '../client/data-entry/schedules';
import { dataEntryForms } from '../schemas/data-entry/forms';
import { defineProcess } from './define-process';

/** Vendor records entered into the portal by bots, rejections corrected by a clerk, a nightly drop folder. */
export const dataEntry = defineProcess({
  name: 'data-entry',
  title: 'Vendor data entry',
  workflowsPath: join(__dirname, '../workflows/data-entry'),
  activities: {
    main: () => createDropFolderActivities(),
    bots: ({ portal }) => createPortalActivities(portal),
  },
  forms: dataEntryForms,
  schedules: dataEntrySchedules,
  cli: registerDataEntry,
});
