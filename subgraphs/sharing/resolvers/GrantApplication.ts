import type { GrantApplicationResolvers } from '../__generated__/resolvers-types';
import { eventModel, grantModelOfRow, reviewModel } from '../models';

export const GrantApplication: GrantApplicationResolvers = {
  overdue: (app, _a, { loaders }) => app.status === 'PENDING' && loaders.calendar().isOverdue(app.dueOn, new Date()),
  workingDaysLeft: (app, _a, { loaders }) => {
    if (app.status !== 'PENDING') return null;
    const calendar = loaders.calendar();
    return calendar.workingDaysBetween(calendar.localDate(new Date()), app.dueOn);
  },
  reviews: async (app, _a, { loaders }) => (await loaders.reviews.load(app.id)).map(reviewModel),
  history: async (app, _a, { loaders }) => (await loaders.events.load(app.id)).map(eventModel),
  grant: async (app, _a, { loaders }) => {
    if (!app.grantId) return null;
    const row = await loaders.workflowGrant.load(app.grantId);
    return row ? grantModelOfRow(row) : null;
  },
};
