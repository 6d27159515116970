// Signs a lot's or device's record as approved or reviewed straight from the review queue (only when it has no
// exceptions; the api refuses otherwise, naming them).
import type { ReviewEntry } from '../../../../common/api/review';
import { recordKindTitles } from '../../../../common/api/records';
import { call } from '../../api/client';
import { SignDialog } from '../../components/SignDialog';

export function ApproveDialog({ entry, onDone, onCancel }: { entry: ReviewEntry | null; onDone: (entry: ReviewEntry) => void; onCancel: () => void }) {
  return (
    <SignDialog
      opened={entry !== null}
      title={entry ? `${recordKindTitles[entry.record.kind]} ${entry.record.id}` : ''}
      facts={
        entry
          ? [
              { label: entry.kind === 'lot' ? 'Lot' : 'Serial', value: `${entry.ref} — ${entry.description}` },
              { label: 'Record', value: `${recordKindTitles[entry.record.kind]} ${entry.record.id}` },
              { label: 'Exceptions', value: 'None' },
            ]
          : []
      }
      meanings={['approved', 'reviewed']}
      onSign={async (signature) => {
        if (!entry) return;
        await call('review.approve', { ref: entry.ref, ...signature, meaning: signature.meaning === 'reviewed' ? 'reviewed' : 'approved' });
        onDone(entry);
      }}
      onCancel={onCancel}
    />
  );
}
