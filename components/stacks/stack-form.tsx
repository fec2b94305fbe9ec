'use client';
// Deploys a compose file: a new stack (pick the swarm and name it) or a new revision of one
// (the name is fixed and the last revision's variables are kept). The file is checked as it is
// typed; the problems are drawn in the editor and listed under it. A failed deploy keeps
// everything typed and shows why.
import { useQueryClient } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { ErrorText, FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { OwnerTeamField, type OwnerTeam } from '@/components/access/owner-team-field.tsx';
import { deployStackAction, validateStackAction } from '@/lib/actions/stacks.ts';
import type { DocumentProblem, FieldErrors } from '@/lib/errors.ts';
import { filesToSend, type FileReference } from '@/lib/models/compose-files/referenced-files.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { StackDetail } from '@/lib/services/stacks/read-stacks.ts';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';
import { ComposeEditor } from './compose-editor.tsx';
import { nameForCheck, stackPath } from './format.ts';
import { ProblemList } from './problem-list.tsx';
import { ReferencedFilesEditor, type FileContents } from './referenced-files-editor.tsx';
import { DriftWarning } from './stack-revisions.tsx';
import { useKeptWarning, variablesOf, VariablesEditor, type VariableRow } from './variables-editor.tsx';

const CHECK_DELAY_MS = 400;
const MAX_UPLOAD = 512 * 1024;

/** An unset-variable warning about a variable the last revision gives: not a problem here
 * (`unset` is that warning about one name, in the page's language, as the server says it). */

export type StackFormProps =
  | { mode: 'new'; initialSwarms: SwarmSummary[]; initialSwarmId: string | null; initialName?: string; /** the user's teams: the new stack is made for one of them */ ownerTeams?: OwnerTeam[] }
  | { mode: 'edit'; swarmId: string; swarmName?: string; stackName: string; initialText: string; inheritFrom: number | null; keptNames: string[]; /** the paths of the files the edited revision keeps (normalised) */ keptFiles: string[]; /** what runs differently from the file: a redeploy reverts it, so it is confirmed first */ drift: StackDetail['drift'] };

const NO_NAMES: string[] = [];

export function StackForm(props: StackFormProps) {
  const t = useTranslations('stacks.form');
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = props.mode === 'edit';
  const { data: swarms = [] } = useSwarms(props.mode === 'new' ? props.initialSwarms : undefined);
  const [chosenSwarm, setSwarmId] = useState(props.mode === 'new' ? (props.initialSwarmId ?? '') : props.swarmId);
  const swarmId = editing ? props.swarmId : swarms.some((s) => s.id === chosenSwarm) ? chosenSwarm : (swarms[0]?.id ?? '');
  const [name, setName] = useState(props.mode === 'edit' ? props.stackName : (props.initialName ?? ''));
  const ownerTeams = props.mode === 'new' ? (props.ownerTeams ?? []) : [];
  const [teamId, setTeamId] = useState(ownerTeams[0]?.id ?? '');
  const [text, setText] = useState(props.mode === 'edit' ? props.initialText : '');
  const [rows, setRows] = useState<VariableRow[]>([]);
  // The files the text names, as the last check listed them (kept while its YAML cannot be read), and what was given for each.
  const [references, setReferences] = useState<FileReference[]>([]);
  const [contents, setContents] = useState<FileContents>({});
  // Problems belong to the text they were found in (`key`): a check or a failed deploy answers
  // for one text; while the text differs from the last answered one, a check is pending.
  const [found, setFound] = useState<{ key: string; problems: DocumentProblem[] }>({ key: '', problems: [] });
  const [busy, setBusy] = useState(false);
  // A failed deploy's message belongs to the text it was about (`key`): it goes once the text changes.
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [confirmRevert, setConfirmRevert] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [uploadError, setUploadError] = useState<string | null>(null);
  const checkSeq = useRef(0);
  const problemsId = useId();
  const uploadId = useId();
  const isKept = useKeptWarning(props.mode === 'edit' ? props.keptNames : NO_NAMES);
  const variables = variablesOf(rows);
  const variablesKey = JSON.stringify(variables);
  const files = filesToSend(references, contents);
  const filesKey = JSON.stringify(files);
  const keptFiles = props.mode === 'edit' ? props.keptFiles : NO_NAMES;
  const keptFilesKey = keptFiles.join('\n');

  const checkKey = JSON.stringify([text, name, variablesKey, filesKey]);
  const message = failure && failure.key === checkKey ? failure.message : null;
  const setMessage = (text: string | null) => setFailure(text === null ? null : { key: checkKey, message: text });
  const drift = props.mode === 'edit' && props.drift && props.drift.services.length > 0 ? props.drift : null;
  const empty = !text.trim();
  const checking = !empty && found.key !== checkKey;
  const problems = empty ? [] : found.problems;

  // Check the file a moment after the typing stops; an answer to an older text is dropped.
  useEffect(() => {
    if (empty) return;
    const seq = ++checkSeq.current;
    const timer = setTimeout(async () => {
      const result = await validateStackAction({ stackName: nameForCheck(name), composeText: text, variables: JSON.parse(variablesKey) as Record<string, string>, files: JSON.parse(filesKey) as Record<string, string>, keptFiles: keptFilesKey ? keptFilesKey.split('\n') : [] }).catch(() => null);
      if (seq !== checkSeq.current) return;
      if (result?.ok && result.data.files) setReferences(result.data.files);
      setFound((previous) => ({ key: checkKey, problems: result?.ok ? result.data.problems.filter((p) => !isKept(p)) : previous.problems }));
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [empty, checkKey, text, name, variablesKey, filesKey, keptFilesKey, isKept]);

  const swarm = swarms.find((s) => s.id === swarmId);
  if (!editing && swarms.length === 0) {
    return (
      <div className="max-w-2xl rounded-lg border border-dashed border-border bg-surface p-6">
        <h2 className="font-semibold">{t('noSwarm.title')}</h2>
        <p className="mt-2 text-muted">
          {t.rich('noSwarm.text', {
            create: (chunks) => (
              <Link href="/swarms/new" className="text-accent underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }

  async function deploy() {
    setBusy(true);
    setMessage(null);
    setErrors({});
    const stackName = name.trim();
    const result = await deployStackAction({
      swarmId,
      stackName,
      composeText: text,
      variables,
      files,
      ...(props.mode === 'edit' && props.inheritFrom ? { inheritFrom: props.inheritFrom } : {}),
      ...(props.mode === 'new' && teamId ? { teamId } : {}),
    }).catch(() => null);
    setBusy(false);
    if (!result) {
      setMessage(t('noAnswer'));
      return;
    }
    if (!result.ok) {
      // Invalidate the next check, so the server's own problems stay until the text changes.
      checkSeq.current++;
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.message);
      setFound((previous) => ({ key: checkKey, problems: result.error.problems ? result.error.problems.filter((p) => !isKept(p)) : previous.problems }));
      toast.error(result.error.message);
      await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
      return;
    }
    toast.success(t('deployed', { name: stackName, revision: result.data.revision, created: result.data.created.length, updated: result.data.updated.length, removed: result.data.removed.length }));
    if (result.data.warnings.length) toast.warning(t('ignoredParts', { count: result.data.warnings.length }));
    if (result.data.registries.length) toast.info(t('withRegistryAuth', { registries: result.data.registries.join(', ') }));
    await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
    router.push(stackPath(swarmId, stackName));
  }

  const errorCount = problems.filter((p) => p.severity === 'error').length;

  return (
    <Form className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-label={editing ? t('redeployLabel', { name }) : t('deployLabel')} onSubmit={() => (drift ? setConfirmRevert(true) : deploy())}>
      <div className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <span className="text-sm font-medium">{t('composeFile')}</span>
            <p className="text-xs text-muted">{t('editorHint')}</p>
          </div>
          <div>
            <input
              id={uploadId}
              type="file"
              accept=".yml,.yaml,.json,text/yaml,application/x-yaml,text/plain"
              className="peer sr-only"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (!file) return;
                if (file.size > MAX_UPLOAD) {
                  setUploadError(t('tooLarge', { file: file.name }));
                  return;
                }
                setUploadError(null);
                setText(await file.text());
              }}
            />
            <label
              htmlFor={uploadId}
              className="inline-flex h-8 cursor-pointer items-center gap-2 rounded-md border border-border bg-surface px-3 text-xs font-medium hover:bg-surface-2 peer-focus-visible:ring-2 peer-focus-visible:ring-accent"
            >
              <Upload className="size-4" aria-hidden /> {t('upload')}
            </label>
          </div>
        </div>
        <ErrorText error={uploadError} />
        <ComposeEditor label={t('composeFile')} value={text} onChange={setText} problems={problems} describedBy={problemsId} />
        <ErrorText error={errors.composeText} />
        <ProblemList summaryId={problemsId} problems={problems} checking={checking} />
        <ReferencedFilesEditor
          references={empty ? [] : references}
          contents={contents}
          onChange={(path, content) => setContents((previous) => ({ ...previous, [path]: content }))}
          kept={keptFiles}
          keptFrom={props.mode === 'edit' ? props.inheritFrom : null}
          error={errors.files?.join(' ')}
        />
      </div>

      <div className="flex flex-col gap-5">
        {editing ? (
          <dl className="flex flex-col gap-1 text-sm">
            <dt className="text-xs text-muted">{t('stack')}</dt>
            <dd className="font-mono">{name}</dd>
            {props.swarmName && (
              <>
                <dt className="mt-2 text-xs text-muted">{t('swarm')}</dt>
                <dd>{props.swarmName}</dd>
              </>
            )}
          </dl>
        ) : (
          <>
            <SelectField label={t('swarm')} value={swarmId} onChange={(e) => setSwarmId(e.target.value)} error={errors.swarmId}>
              {swarms.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('stackName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={errors.stackName}
              maxLength={61}
              autoComplete="off"
              spellCheck={false}
              hint={t('stackNameHint')}
            />
            <OwnerTeamField teams={ownerTeams} value={teamId} onChange={setTeamId} error={errors.teamId} />
          </>
        )}
        <VariablesEditor rows={rows} onChange={setRows} keptNames={editing ? props.keptNames : []} error={errors.variables?.join(' ')} />
        <FormError message={message} />
        <DriftWarning drift={drift} />
        <p className="text-xs text-muted">{t('registryAuthHint')}</p>
        {busy && (
          <p role="status" className="text-xs text-muted">
            {swarm ? t('deployingTo', { name: name.trim() || t('theStack'), swarm: swarm.name }) : t('deploying', { name: name.trim() || t('theStack') })}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={busy} disabled={!text.trim() || !swarmId}>
            {editing ? t('redeploy') : t('deploy')}
          </Button>
          <Button variant="ghost" onClick={() => router.back()} disabled={busy}>
            {t('cancel')}
          </Button>
        </div>
        {errorCount > 0 && !busy && <p className="text-xs text-muted">{t('refused', { count: errorCount })}</p>}
      </div>
      <ConfirmDialog
        open={confirmRevert}
        onOpenChange={setConfirmRevert}
        title={t('revert.title', { name })}
        description={t('revert.description')}
        confirmLabel={t('revert.confirm')}
        onConfirm={async () => {
          setConfirmRevert(false);
          await deploy();
          return null;
        }}
      >
        <DriftWarning drift={drift} />
        <p className="text-xs text-muted">{t('registryAuthHint')}</p>
      </ConfirmDialog>
    </Form>
  );
}
