import { join } from 'node:path';
import { createPurchasingActivities } from '../activities/purchasing';
import { purchaseRequestLauncher } from '../client/purchasing/launcher';
import { purchasingForms } from '../schemas/purchasing/forms';
import { defineProcess } from './define-process';

/** Purchase requests launched from the inbox, approved by one or two approvers, filed. */
export const purchasing = defineProcess({
  name: 'purchasing',
  title: 'Purchase requests',
  workflowsPath: join(__dirname, '../workflows/purchasing'),
  activities: {
    main: ({ config }) => createPurchasingActivities({ dir: join(config.DATA_DIR, 'purchasing') }),
  },
  forms: purchasingForms,
  launchers: [purchaseRequestLauncher],
});
