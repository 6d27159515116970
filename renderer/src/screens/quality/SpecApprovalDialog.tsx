// Approving a draft spec version is an electronic signature with the meaning approved: the sign dialog shows exactly
// which version of which item's specification is signed, and asks for the signing components.
import type { SpecVersion } from '../../../../common/api/quality';
import { call } from '../../api/client';
import { SignDialog } from '../../components/SignDialog';
import { stageWords } from './qualityWords';

export interface SpecApprovalDialogProps {
  spec: SpecVersion;
  onApproved: (spec: SpecVersion) => void;
  onCancel: () => void;
}

export function SpecApprovalDialog({ spec, onApproved, onCancel }: SpecApprovalDialogProps) {
  return (
    <SignDialog
      opened
      title={`Approval of the ${spec.part} test specification, version ${spec.version}`}
      facts={[
        { label: 'Item', value: `${spec.part} — ${spec.description}` },
        { label: 'Version', value: `${spec.version} (${stageWords[spec.stage].toLowerCase()}), written by ${spec.createdBy}` },
        { label: 'Characteristics', value: spec.characteristics.map((c) => c.name).join(', ') },
        { label: 'In force', value: 'from the moment it is approved: it judges every result of the item tested from then on' },
      ]}
      meanings={['approved']}
      onSign={async (signature) => onApproved(await call('specs.approve', { part: spec.part, version: spec.version, signature }))}
      onCancel={onCancel}
    />
  );
}
