import { useId } from 'react';

interface Props {
  label: string;
  testId: string;
  accept: string;
  disabled: boolean;
  className?: string;
  onFile: (file: File) => void;
}

/** A labelled file picker that looks like a button and works by keyboard; the same file can be chosen twice. */
export function FileButton({ label, testId, accept, disabled, className = 'secondary', onFile }: Props) {
  const id = useId();
  return (
    <label className={`button ${className} file-button`} htmlFor={id}>
      {label}
      <input
        id={id}
        data-testid={testId}
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}

export const CSV_ACCEPT = '.csv,.tsv,.txt,text/csv,text/plain';
