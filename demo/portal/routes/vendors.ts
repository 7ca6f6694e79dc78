import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../http/context';
import { sendCsv } from '../http/csv';
import { pageUser, redirect, sendNotFound, sendPage, signedIn } from '../http/pages';
import { formFields, param, queryInt, queryString } from '../http/request';
import type { Vendor } from '../store/schema';
import type { NewVendorInput } from '../store/vendors';
import { newVendorBody, vendorDetailBody, vendorListBody } from '../views/vendors';

const EMPTY_VENDOR: NewVendorInput = { name: '', vatId: '', iban: '', email: '', address: '' };
const SECTION = '/vendors';

export function registerVendorRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get(
    '/vendors',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const q = queryString(request, 'q');
      const page = ctx.store.vendors.search({
        q,
        page: queryInt(request, 'page'),
        pageSize: queryInt(request, 'pageSize'),
      });
      return sendPage(reply, ui, {
        title: 'Vendors',
        section: SECTION,
        user: pageUser(user),
        body: vendorListBody(ui, page, q),
      });
    }),
  );

  app.get(
    '/vendors/new',
    signedIn(ctx, 'enter-data', (_request, reply, { user, ui }) =>
      sendPage(reply, ui, {
        title: 'New vendor',
        section: SECTION,
        user: pageUser(user),
        body: newVendorBody(ui, EMPTY_VENDOR),
      }),
    ),
  );

  app.post(
    '/vendors',
    signedIn(ctx, 'enter-data', async (request, reply, { user, ui }) => {
      const input = formFields(request, ['name', 'vatId', 'iban', 'email', 'address']);
      const result = await ctx.store.vendors.create(input, user.username);
      if (!result.ok) {
        return sendPage(
          reply,
          ui,
          {
            title: 'New vendor',
            section: SECTION,
            user: pageUser(user),
            body: newVendorBody(ui, input, result.errors),
          },
          422,
        );
      }
      ctx.log.info({ vendorId: result.value.id, vatId: result.value.vatId, by: user.username }, 'vendor created');
      return redirect(reply, `/vendors/${result.value.id}?created=1`);
    }),
  );

  app.get(
    '/vendors/export.csv',
    signedIn(ctx, 'read', (_request, reply) =>
      sendCsv<Vendor>(
        reply,
        'vendors.csv',
        [
          { name: 'vendor_id', value: (v) => v.id },
          { name: 'name', value: (v) => v.name },
          { name: 'vat_id', value: (v) => v.vatId },
          { name: 'iban', value: (v) => v.iban },
          { name: 'email', value: (v) => v.email },
          { name: 'address', value: (v) => v.address },
          { name: 'active', value: (v) => (v.active ? 'true' : 'false') },
          { name: 'created_at', value: (v) => v.createdAt },
        ],
        ctx.store.vendors.all(),
      ),
    ),
  );

  app.get(
    '/vendors/:id',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const vendor = ctx.store.vendors.get(param(request, 'id'));
      if (!vendor) return sendNotFound(reply, ui, user, `Vendor ${param(request, 'id')} does not exist.`);
      const message =
        queryString(request, 'created') === '1'
          ? `Vendor ${vendor.id} created.`
          : queryString(request, 'updated') === '1'
            ? `Vendor ${vendor.id} updated.`
            : undefined;
      return sendPage(reply, ui, {
        title: `Vendor ${vendor.id}`,
        section: SECTION,
        user: pageUser(user),
        body: vendorDetailBody(ui, vendor, message),
      });
    }),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/vendors/:id/${action}`,
      signedIn(ctx, 'manage-vendors', async (request, reply, { user, ui }) => {
        const vendor = await ctx.store.vendors.setActive(param(request, 'id'), active);
        if (!vendor) return sendNotFound(reply, ui, user, `Vendor ${param(request, 'id')} does not exist.`);
        ctx.log.info({ vendorId: vendor.id, active, by: user.username }, 'vendor status changed');
        return redirect(reply, `/vendors/${vendor.id}?updated=1`);
      }),
    );
  }
}
