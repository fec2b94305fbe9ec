'use client';
// A compose project's file, in the same editor as stacks: problems found as it is typed, drawn in
// the editor at their line and column and listed under it. Saving keeps a new revision and brings
// the project up; a failed up still keeps the revision and says why on the project's page.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { OwnerTeamField, type OwnerTeam } from '@/components/access/owner-team-field.tsx';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { ComposeEditor } from '@/components/stacks/compose-editor.tsx';
import { ProblemList } from '@/components/stacks/problem-list.tsx';
import { ReferencedFilesEditor, type FileContents } from '@/components/stacks/referenced-files-editor.tsx';
import { useKeptWarning, variablesOf, VariablesEditor, type VariableRow } from '@/components/stacks/variables-editor.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText, FormError, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { saveProjectAction, validateProjectAction } from '@/lib/actions/compose-projects.ts';
import type { DocumentProblem, FieldErrors } from '@/lib/errors.ts';
import { filesToSend, type FileReference } from '@/lib/models/compose-files/referenced-files.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { projectPath } from './project-paths.ts';

const CHECK_DELAY_MS = 400;

const profilesOf = (text: string) => text.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean);

export type ProjectFormProps = { hostId: string; hostName: string } & (
  | { mode: 'new'; /** the user's teams: the new project is made for one of them */ ownerTeams?: OwnerTeam[] }
  | { mode: 'edit'; name: string; initialText: string; initialProfiles: string[]; initialWorkingDir: string; /** the revision edited: its variables and files not given again are kept */ inheritFrom: number; keptNames: string[]; /** the paths of the files it keeps (normalised) */ keptFiles: string[] }
);

const NO_NAMES: string[] = [];

export function ProjectForm(props: ProjectFormProps) {
  const t = useTranslations('compose.form');
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = props.mode === 'edit';
  const [name, setName] = useState(editing ? props.name : '');
  const ownerTeams = props.mode === 'new' ? (props.ownerTeams ?? []) : [];
  const [teamId, setTeamId] = useState(ownerTeams[0]?.id ?? '');
  const [text, setText] = useState(editing ? props.initialText : '');
  const [profiles, setProfiles] = useState(editing ? props.initialProfiles.join(', ') : '');
  const [workingDir, setWorkingDir] = useState(props.mode === 'edit' ? props.initialWorkingDir : '');
  const [rows, setRows] = useState<VariableRow[]>([]);
  // The files the text names, as the last check listed them (kept while its YAML cannot be read), and what was given for each.
  const [references, setReferences] = useState<FileReference[]>([]);
  const [contents, setContents] = useState<FileContents>({});
  const [found, setFound] = useState<{ key: string; problems: DocumentProblem[] }>({ key: '', problems: [] });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const checkSeq = useRef(0);
  const problemsId = useId();
  const isKept = useKeptWarning(props.mode === 'edit' ? props.keptNames : NO_NAMES);
  const variables = variablesOf(rows);
  const variablesKey = JSON.stringify(variables);
  const files = filesToSend(references, contents);
  const filesKey = JSON.stringify(files);
  const keptFilesKey = (props.mode === 'edit' ? props.keptFiles : NO_NAMES).join('\n');
  const checkKey = JSON.stringify([text, name, variablesKey, filesKey, profiles, workingDir]);
  const empty = !text.trim();
  const checking = !empty && found.key !== checkKey;
  const problems = empty ? [] : found.problems;

  useEffect(() => {
    if (empty) return;
    const seq = ++checkSeq.current;
    const timer = setTimeout(async () => {
      const checkName = /^[a-z0-9][a-z0-9_-]*$/.test(name.trim()) ? name.trim() : 'project';
      const result = await validateProjectAction({ name: checkName, composeText: text, variables: JSON.parse(variablesKey) as Record<string, string>, files: JSON.parse(filesKey) as Record<string, string>, keptFiles: keptFilesKey ? keptFilesKey.split('\n') : [], profiles: profilesOf(profiles), ...(workingDir.trim().startsWith('/') ? { workingDir: workingDir.trim() } : {}) }).catch(() => null);
      if (seq !== checkSeq.current) return;
      if (result?.ok && result.data.files) setReferences(result.data.files);
      setFound((previous) => ({ key: checkKey, problems: result?.ok ? result.data.problems.filter((p) => !isKept(p)) : previous.problems }));
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [empty, checkKey, text, name, variablesKey, filesKey, keptFilesKey, profiles, workingDir, isKept]);

  async function save() {
    setBusy(true);
    setMessage(null);
    setErrors({});
    const projectName = name.trim();
    const result = await saveProjectAction({ hostId: props.hostId, name: projectName, composeText: text, variables, files, profiles: profilesOf(profiles), workingDir: workingDir.trim(), create: !editing, ...(props.mode === 'edit' ? { inheritFrom: props.inheritFrom } : {}), ...(!editing && teamId ? { teamId } : {}), up: true }).catch(() => null);
    setBusy(false);
    if (!result) {
      setMessage(t('noAnswer'));
      return;
    }
    if (!result.ok) {
      checkSeq.current++;
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.message);
      setFound((previous) => ({ key: checkKey, problems: result.error.problems ? result.error.problems.filter((p) => !isKept(p)) : previous.problems }));
      toast.error(result.error.message);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.hostProjects(props.hostId) });
    if (result.data.upError) toast.error(t('upStopped', { revision: result.data.revision, message: result.data.upError }));
    else toast.success(t('upDone', { name: projectName, revision: result.data.revision }));
    router.push(projectPath(props.hostId, projectName));
  }

  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return (
    <Form className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-label={editing ? t('changeLabel', { name }) : t('createLabel')} onSubmit={save}>
      <div className="flex min-w-0 flex-col gap-3">
        <div>
          <span className="text-sm font-medium">{t('composeFile')}</span>
          <p className="text-xs text-muted">{t('editorHint', { host: props.hostName })}</p>
        </div>
        <ComposeEditor label={t('composeFile')} value={text} onChange={setText} problems={problems} describedBy={problemsId} />
        <ErrorText error={errors.composeText} />
        <ProblemList summaryId={problemsId} problems={problems} checking={checking} />
        <ReferencedFilesEditor
          references={empty ? [] : references}
          contents={contents}
          onChange={(path, content) => setContents((previous) => ({ ...previous, [path]: content }))}
          kept={props.mode === 'edit' ? props.keptFiles : NO_NAMES}
          keptFrom={props.mode === 'edit' ? props.inheritFrom : null}
          error={errors.files?.join(' ')}
        />
      </div>
      <div className="flex flex-col gap-5">
        {editing ? (
          <dl className="flex flex-col gap-1 text-sm">
            <dt className="text-xs text-muted">{t('project')}</dt>
            <dd className="font-mono">{name}</dd>
            <dt className="mt-2 text-xs text-muted">{t('host')}</dt>
            <dd>{props.hostName}</dd>
          </dl>
        ) : (
          <>
            <p className="text-sm">{t.rich('onHost', { host: props.hostName, strong: (chunks) => <span className="font-medium">{chunks}</span> })}</p>
            <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={48} autoComplete="off" spellCheck={false} hint={t('nameHint', { example: '<project>-<service>-1' })} />
            <OwnerTeamField teams={ownerTeams} value={teamId} onChange={setTeamId} error={errors.teamId} />
          </>
        )}
        <TextField label={t('profiles')} value={profiles} onChange={(e) => setProfiles(e.target.value)} error={errors.profiles} autoComplete="off" spellCheck={false} hint={t('profilesHint')} />
        <TextField label={t('workingDir')} value={workingDir} onChange={(e) => setWorkingDir(e.target.value)} error={errors.workingDir} autoComplete="off" spellCheck={false} hint={t('workingDirHint')} />
        <VariablesEditor rows={rows} onChange={setRows} keptNames={props.mode === 'edit' ? props.keptNames : NO_NAMES} error={errors.variables?.join(' ')} />
        <FormError message={message} />
        {busy && (
          <p role="status" className="text-xs text-muted">
            {t('saving', { name: name.trim() || t('theProject'), host: props.hostName })}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={busy} disabled={!text.trim() || (!editing && !name.trim())}>
            {editing ? t('saveAndUp') : t('createAndUp')}
          </Button>
          <Button variant="ghost" onClick={() => router.back()} disabled={busy}>
            {t('cancel')}
          </Button>
        </div>
        {errorCount > 0 && !busy && <p className="text-xs text-muted">{t('fixFirst', { count: errorCount })}</p>}
      </div>
    </Form>
  );
}
