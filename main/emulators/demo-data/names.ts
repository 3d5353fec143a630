/**
 * Fictional names for demo data: company names in the style of software
 * documentation samples, and common given and family names that identify
 * no real person.
 */
export const ORGANIZATION_NAMES: readonly string[] = [
  'Northwind Traders',
  'Contoso Ltd',
  'Fabrikam Inc',
  'Tailspin Toys',
  'Wide World Importers',
  'Adventure Works',
  'Alpine Ski House',
  'Blue Yonder Airlines',
  'City Power & Light',
  'Coho Winery',
  'Consolidated Messenger',
  'Fourth Coffee',
  'Graphic Design Institute',
  'Humongous Insurance',
  'Lamna Healthcare',
  "Margie's Travel",
  'Nod Publishers',
  'Relecloud',
  'Southridge Video',
  'Woodgrove Bank',
  'VanArsdel Ltd',
  'Wingtip Toys',
  'Hollow Oak Outfitters',
  'Riverbend Dental',
  'Kestrel Logistics',
  'Granite Peak Legal',
  'Harborview Clinic',
  'Maple Street Bakery',
  'Silverline Freight',
  'Bluebird Accounting',
  'Copperfield Architects',
  'Evergreen Landscaping',
  'Ironwood Manufacturing',
  'Juniper Credit Union',
  'Summit Ridge Realty',
  'Oakmont Veterinary',
  'Lakeshore Pediatrics',
  'Redwood Civil Engineering',
  'Pinecrest Insurance Agency',
  'Brightwater Plumbing',
];

/** Accounts that exist in BMS with no Dark Web ID organization. */
export const UNMATCHED_ACCOUNT_NAMES: readonly string[] = [
  'Litware Inc',
  'Proseware Inc',
  'Lucerne Publishing',
];

/** Account that lookups hide unless inactive accounts are requested. */
export const INACTIVE_ACCOUNT_NAME = 'Trey Research';

export const FIRST_NAMES: readonly string[] = [
  'james',
  'mary',
  'john',
  'patricia',
  'robert',
  'jennifer',
  'michael',
  'linda',
  'david',
  'elizabeth',
  'william',
  'susan',
  'richard',
  'jessica',
  'thomas',
  'sarah',
  'daniel',
  'karen',
  'maria',
  'carlos',
];

export const LAST_NAMES: readonly string[] = [
  'smith',
  'johnson',
  'williams',
  'brown',
  'jones',
  'garcia',
  'miller',
  'davis',
  'rodriguez',
  'martinez',
  'wilson',
  'anderson',
  'taylor',
  'thomas',
  'moore',
  'jackson',
  'martin',
  'lee',
  'clark',
  'lewis',
];

export const STREET_NAMES: readonly string[] = [
  'Main Street',
  'Oak Avenue',
  'Park Road',
  'Cedar Lane',
  'Elm Street',
  'Lake Drive',
];

export const CITY_NAMES: readonly string[] = [
  'Springfield',
  'Riverton',
  'Fairview',
  'Greenville',
  'Madison',
  'Franklin',
];
