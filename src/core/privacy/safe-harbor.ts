/**
 * The 18 identifiers of the HIPAA Safe Harbor method, 45 CFR §164.514(b)(2)(i)(A)–(R), as data
 * for the UI checklist: which of our detected kinds covers each, or null when no column test can
 * (the user must check it). Descriptions are English; the UI shows its own translation by `id`.
 */
import type { IdentifierKind } from './identifiers';

export interface SafeHarborIdentifier {
  /** The paragraph letter in §164.514(b)(2)(i). */
  id: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R';
  description: string;
  /** The detected kinds that cover it; null when the user must check it. */
  kinds: IdentifierKind[] | null;
  /** What detection cannot see, or what the user must check. */
  note?: string;
}

export const SAFE_HARBOR_IDENTIFIERS: readonly SafeHarborIdentifier[] = [
  { id: 'A', description: 'Names', kinds: ['name'] },
  {
    id: 'B',
    description: 'Geographic subdivisions smaller than a state: street address, city, county, precinct, ZIP code, geocodes',
    kinds: ['address', 'postal-code'],
    note: 'City, county or district columns are not detected: check them. 3-digit ZIP areas of 20,000 people or fewer (HHS\'s list) become 000.',
  },
  {
    id: 'C',
    description: 'All elements of dates (except year) directly related to an individual: birth, admission, discharge, death; ages over 89',
    kinds: ['date'],
    note: 'Safe Harbor keeps the year only; shifted dates keep intervals but are not Safe Harbor. Ages of 90 and over, and birth dates or years implying them (at the row\'s visit date), become "90+".',
  },
  { id: 'D', description: 'Telephone numbers', kinds: ['phone'] },
  { id: 'E', description: 'Fax numbers', kinds: ['phone'] },
  { id: 'F', description: 'Electronic mail addresses', kinds: ['email'] },
  { id: 'G', description: 'Social security numbers', kinds: ['national-id'], note: 'Also PRC resident identity numbers (GB 11643-1999).' },
  { id: 'H', description: 'Medical record numbers', kinds: ['record-id'] },
  { id: 'I', description: 'Health plan beneficiary numbers', kinds: ['record-id'], note: 'Detected only when named or shaped like an identifier.' },
  { id: 'J', description: 'Account numbers', kinds: ['record-id'], note: 'Detected only when named or shaped like an identifier.' },
  { id: 'K', description: 'Certificate/license numbers', kinds: null, note: 'Not detected: check the columns yourself.' },
  { id: 'L', description: 'Vehicle identifiers and serial numbers, including license plate numbers', kinds: null, note: 'Not detected: check the columns yourself.' },
  { id: 'M', description: 'Device identifiers and serial numbers', kinds: null, note: 'Not detected: check the columns yourself (implant and pump serial numbers).' },
  { id: 'N', description: 'Web universal resource locators (URLs)', kinds: ['url'] },
  { id: 'O', description: 'Internet protocol (IP) addresses', kinds: ['ip'] },
  { id: 'P', description: 'Biometric identifiers, including finger and voice prints', kinds: null, note: 'Not detected: check the columns yourself.' },
  { id: 'Q', description: 'Full-face photographs and comparable images', kinds: null, note: 'Not detected: check for image file names or links.' },
  {
    id: 'R',
    description: 'Any other unique identifying number, characteristic, or code',
    kinds: ['record-id', 'free-text'],
    note: 'Free text can hold any identifier and is dropped. Rare diagnoses or occupations can identify too: check k-anonymity.',
  },
];
