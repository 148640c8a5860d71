/**
 * The policy file format security officers edit (`policies/*.yaml`, `policies/grants/*.yaml`),
 * validated with zod so a typo is a clear error with its path, never a silent allow.
 */
import { z } from 'zod';
import { MASK_RULES } from './mask';

export const SHARING_CLASSES = ['unconditional', 'conditional', 'not-shared'] as const;
export type SharingClassName = (typeof SHARING_CLASSES)[number];

const nonEmpty = z.string().trim().min(1);
const date = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));
const fieldPath = z.string().regex(/^[A-Z][A-Za-z0-9]*\.(\*|[a-z_][A-Za-z0-9_]*)$/, 'must be Type.field or Type.*');

export const FieldPolicySchema = z
  .object({
    sharing: z.enum(SHARING_CLASSES),
    personal: z.boolean(),
    mask: z.enum([...MASK_RULES, 'none']).default('none'),
    description: nonEmpty,
    updateFrequency: nonEmpty,
    legalBasis: nonEmpty.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.sharing === 'not-shared' && !f.legalBasis) {
      ctx.addIssue({ code: 'custom', message: 'a not-shared item needs its legalBasis (以共享为原则、不共享为例外)', path: ['legalBasis'] });
    }
  });
export type FieldPolicy = z.infer<typeof FieldPolicySchema>;

export const TypePolicySchema = z
  .object({
    description: nonEmpty.optional(),
    /**
     * Whether the type's fields are data resources listed in the resource catalog
     * (政务信息资源目录). The platform's own operational records (applications, the access
     * log) are classified like everything else but are not resources to share. @default true
     */
    catalog: z.boolean().default(true),
    fields: z.record(z.string().regex(/^[a-z_][A-Za-z0-9_]*$/), FieldPolicySchema),
  })
  .strict();

export const ProviderPolicySchema = z
  .object({
    provider: nonEmpty,
    subgraph: nonEmpty,
    types: z.record(z.string().regex(/^[A-Z][A-Za-z0-9]*$/), TypePolicySchema),
  })
  .strict();
export type ProviderPolicy = z.infer<typeof ProviderPolicySchema>;

export const GrantSchema = z
  .object({
    id: z.string().regex(/^[A-Z]-[A-Z0-9-]{3,60}$/, 'must look like G-XXXX-0001'),
    consumer: nonEmpty,
    purpose: nonEmpty,
    fields: z.array(fieldPath).min(1),
    unmasked: z.array(fieldPath).default([]),
    jurisdiction: z.string().regex(/^\d{6}(\d{3})?$/, 'must be a GB/T 2260 code'),
    validFrom: date,
    validUntil: date,
    approvedBy: nonEmpty,
    revokedAt: z.string().datetime({ offset: true }).optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.validUntil < g.validFrom) ctx.addIssue({ code: 'custom', message: 'validUntil is before validFrom', path: ['validUntil'] });
    for (const u of g.unmasked) {
      const [type] = u.split('.');
      if (!g.fields.includes(u) && !g.fields.includes(`${type}.*`)) {
        ctx.addIssue({ code: 'custom', message: `unmasked ${u} is not among the granted fields`, path: ['unmasked'] });
      }
    }
  });
export type Grant = z.infer<typeof GrantSchema>;

export const GrantFileSchema = z.object({ grants: z.array(GrantSchema) }).strict();

/** Formats zod issues as `file: path: message` lines. */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
}
