// Explain access: effective permissions per scope with where each comes from, and recent refusals
// with the permission that was missing and the scope it was missing on.
import { Card } from '@/components/ui/card.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { DenialView, UserAccess } from '@/lib/services/access/explain-user-access.ts';

export function AccessExplanation({ scopes, denials }: { scopes: UserAccess['scopes']; denials: DenialView[] }) {
  return (
    <>
      <Card title="Effective access">
        {scopes.length === 0 ? (
          <p className="text-muted">Nothing: no base role, no grants and no team. Grant a role below or add the user to a team.</p>
        ) : (
          scopes.map((scope) => (
            <div key={scope.label} className="mb-4">
              <h3 className="mb-1 text-sm font-semibold">On {scope.label}</h3>
              <Table caption={`Permissions on ${scope.label}`} columns={[{ label: 'Permission' }, { label: 'Allows' }, { label: 'From' }]}>
                {scope.permissions.map((p) => (
                  <Tr key={p.permission}>
                    <RowHeader className="font-mono text-xs">{p.permission}</RowHeader>
                    <Td className="text-xs">{p.allows}</Td>
                    <Td className="text-xs">{p.sources.join('; ')}</Td>
                  </Tr>
                ))}
              </Table>
            </div>
          ))
        )}
      </Card>
      <Card title="Recent refusals">
        {denials.length === 0 ? (
          <p className="text-muted">No refusals recorded for this user.</p>
        ) : (
          <Table caption="Recent refusals, explained" columns={[{ label: 'When' }, { label: 'Missing' }, { label: 'On' }, { label: 'What reaches it now' }]}>
            {denials.map((d) => (
              <Tr key={d.id}>
                <Td className="whitespace-nowrap text-xs">
                  <RelativeTime iso={d.at} />
                </Td>
                <RowHeader className="font-mono text-xs">{d.permission}</RowHeader>
                <Td className="text-xs">{d.where}</Td>
                <Td className="text-xs">{d.allowedNow ? 'Allowed now (access changed since).' : d.reaching.length ? d.reaching.join('; ') : 'No grant reaches it.'}</Td>
              </Tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
