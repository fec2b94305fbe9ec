'use client';
// Every user's docker CLI bundles, per host: who holds a key to which engine, until when, and
// whether it still opens it. Revoking happens on the host's page (it rotates that host's CA).
import { BundleLifeCells } from '@/components/hosts/cli-bundles-card.tsx';
import { useNow } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import type { CliBundle } from '@/lib/models/hosts/cli-bundles.ts';


export function UserBundles({ bundles }: { bundles: CliBundle[] }) {
  const now = useNow(60_000);
  return (
    <section aria-labelledby="user-bundles" className="mt-10">
      <h2 id="user-bundles" className="text-base font-semibold">
        Docker CLI bundles
      </h2>
      <p className="mt-1 mb-4 text-sm text-muted">
        Each bundle is a client certificate that opens one host’s engine with full control. It stops working when it expires, when it is revoked on its host’s page, or when its user
        is disabled or loses the right to unrestricted workloads there.
      </p>
      {bundles.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border bg-surface px-6 py-8 text-center text-sm">
          <p className="font-medium">No bundle has been issued to anyone.</p>
          <p className="mt-1 text-muted">
            A user allowed unrestricted workloads on a provisioned host downloads one on that host’s page, under “Connect with the docker CLI”; it is listed here under their name.
          </p>
        </div>
      ) : (
        <Table caption="Docker CLI bundles by user" columns={[{ label: 'User' }, { label: 'Host' }, { label: 'Issued' }, { label: 'Expires' }, { label: 'State' }]}>
          {bundles.map((bundle) => (
            <Tr key={bundle.serial} className="align-top">
              <RowHeader>
                <div className="font-medium wrap-anywhere">{bundle.username ?? 'a removed user'}</div>
                <div className="font-mono text-xs text-muted break-all">serial {bundle.serial}</div>
              </RowHeader>
              <Td className="text-sm">
                {bundle.hostId ? <TextLink href={`/hosts/${bundle.hostId}`}>{bundle.hostName ?? 'its host'}</TextLink> : <span>{bundle.hostName ?? 'a removed host'} <span className="text-xs text-muted">(removed)</span></span>}
              </Td>
              <BundleLifeCells bundle={bundle} now={now} />
            </Tr>
          ))}
        </Table>
      )}
    </section>
  );
}
