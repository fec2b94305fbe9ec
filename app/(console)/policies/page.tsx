import { AttachmentsTable } from '@/components/policies/attachments-table.tsx';
import { ComposeCheckForm } from '@/components/policies/compose-check.tsx';
import { NewPolicyButton } from '@/components/policies/new-policy-button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { Table, Td, Tr } from '@/components/ui/table.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { attachmentTargets, listPolicies } from '@/lib/services/policy/manage-policies.ts';

export const metadata = { title: 'Policies' };

export default async function PoliciesPage() {
  const access = await pageAccess('policy.view');
  if (!access.ok) return <Forbidden message={access.message} />;
  const canManage = can(access.actor, 'policy.manage');
  const rt = getRuntime();
  const [policies, targets] = await Promise.all([listPolicies(rt), attachmentTargets(rt)]);
  return (
    <>
      <PageHeader
        title="Policies"
        description="What workloads may ask of a host (bind paths, capabilities, namespaces, images, limits…) for users without the unrestricted right. A host or swarm is judged by its own policy, else the global one, else the default."
        actions={canManage ? <NewPolicyButton /> : undefined}
      />
      <div className="flex flex-col gap-6">
        <Table caption="Policies" columns={[{ label: 'Name' }, { label: 'Version' }, { label: 'Attached to' }, { label: 'Last saved by' }]}>
          <Tr>
            <Td className="text-sm font-medium">
              <TextLink href="/policies/default">Default</TextLink>
            </Td>
            <Td className="text-sm">built in</Td>
            <Td className="text-sm text-muted">wherever nothing else is attached</Td>
            <Td className="text-sm text-muted">Wharf</Td>
          </Tr>
          {policies.map((p) => (
            <Tr key={p.id}>
              <Td className="text-sm font-medium">
                <TextLink href={`/policies/${p.id}`}>{p.name}</TextLink>
                {p.description && <p className="text-xs text-muted">{p.description}</p>}
              </Td>
              <Td className="text-sm">{p.version}</Td>
              <Td className="text-sm">{p.attachedTo.length ? p.attachedTo.map((s) => s.name).join(', ') : <span className="text-muted">nowhere</span>}</Td>
              <Td className="text-sm">{p.updatedBy}</Td>
            </Tr>
          ))}
        </Table>
        <Card title="Where policies apply">
          <AttachmentsTable targets={targets} policies={policies} canManage={canManage} />
        </Card>
        <Card title="Check a compose file">
          <ComposeCheckForm policies={policies} />
        </Card>
      </div>
    </>
  );
}
