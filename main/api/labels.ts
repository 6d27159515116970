// The label commands: templates (shipped, and edited versions that override them) and rendering to ZPL, PNG and PDF.
import { renderLabelFor } from '../labels/render';
import { listTemplates, revertTemplate, saveTemplate, templateDetail } from '../labels/templates';
import type { Handlers } from './handlers';

type LabelCommandName = Extract<keyof Handlers, `labels.${string}`>;

export const labelHandlers: Pick<Handlers, LabelCommandName> = {
  'labels.templates': (_input, { core }) => listTemplates(core.db),
  'labels.template': (input, { core }) => templateDetail(core.db, input.name),
  'labels.saveTemplate': (input, { core }) => saveTemplate(core, input),
  'labels.revertTemplate': (input, { core }) => revertTemplate(core, input),
  'labels.render': (input, { core }) => renderLabelFor(core.db, input),
};
