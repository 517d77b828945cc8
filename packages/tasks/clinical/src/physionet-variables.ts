/**
 * The PhysioNet/CinC Challenge 2012 variables (https://physionet.org/content/challenge-2012/):
 * 6 general descriptors recorded once at 00:00 and 37 time series, with their units and
 * the physiologically possible range this package accepts. A value outside its range is
 * not a measurement (a unit slip, a typo, a sensor artefact such as a diastolic pressure of
 * 0): the parser reports it with file and line and treats it as missing.
 *
 * The ranges are deliberately wide (what a living ICU patient can show, not what is
 * normal); HR 0-300 bpm, Temp 20-45 °C and pH 6.5-8 are the examples.
 */

export interface VariableSpec {
  readonly name: string;
  readonly unit: string;
  /** Smallest possible value (inclusive). */
  readonly min: number;
  /** Largest possible value (inclusive). */
  readonly max: number;
}

const v = (name: string, unit: string, min: number, max: number): VariableSpec =>
  Object.freeze({ name, unit, min, max });

/** The general descriptors, in the order they open every file (after `RecordID`). */
export const physionetDescriptors: readonly VariableSpec[] = Object.freeze([
  v('Age', 'years', 0, 120),
  v('Gender', '0 female, 1 male', 0, 1),
  v('Height', 'cm', 100, 250),
  v('ICUType', '1 coronary care, 2 cardiac surgery recovery, 3 medical, 4 surgical', 1, 4),
  v('Weight', 'kg', 20, 350),
]);

/** The 37 time series, alphabetically as PhysioNet lists them. */
export const physionetTimeSeries: readonly VariableSpec[] = Object.freeze([
  v('Albumin', 'g/dL', 0.5, 7),
  v('ALP', 'IU/L', 1, 5000),
  v('ALT', 'IU/L', 1, 20000),
  v('AST', 'IU/L', 1, 30000),
  v('Bilirubin', 'mg/dL', 0.05, 60),
  v('BUN', 'mg/dL', 0.5, 300),
  v('Cholesterol', 'mg/dL', 20, 1000),
  v('Creatinine', 'mg/dL', 0.05, 30),
  v('DiasABP', 'mmHg', 5, 250),
  v('FiO2', 'fraction (0.21-1)', 0.21, 1),
  v('GCS', 'points (3-15)', 3, 15),
  v('Glucose', 'mg/dL', 10, 1500),
  v('HCO3', 'mmol/L', 2, 60),
  v('HCT', '%', 5, 75),
  v('HR', 'bpm', 0, 300),
  v('K', 'mEq/L', 1, 12),
  v('Lactate', 'mmol/L', 0.1, 40),
  v('Mg', 'mmol/L', 0.2, 10),
  v('MAP', 'mmHg', 10, 300),
  v('MechVent', '0/1', 0, 1),
  v('Na', 'mEq/L', 90, 200),
  v('NIDiasABP', 'mmHg', 5, 250),
  v('NIMAP', 'mmHg', 10, 300),
  v('NISysABP', 'mmHg', 20, 300),
  v('PaCO2', 'mmHg', 5, 150),
  v('PaO2', 'mmHg', 10, 750),
  v('pH', 'pH units', 6.5, 8),
  v('Platelets', 'cells/nL', 1, 2500),
  v('RespRate', 'breaths/min', 0, 100),
  v('SaO2', '%', 20, 100),
  v('SysABP', 'mmHg', 20, 300),
  v('Temp', '°C', 20, 45),
  v('TroponinI', 'µg/L', 0, 200),
  v('TroponinT', 'µg/L', 0, 50),
  v('Urine', 'mL since last', 0, 10000),
  v('WBC', 'cells/nL', 0.1, 500),
  v('Weight', 'kg', 20, 350),
]);

/** Time-series index by name (`HR` -> 14). */
export const timeSeriesIndex: ReadonlyMap<string, number> = new Map(
  physionetTimeSeries.map((s, i) => [s.name, i]),
);

/** Descriptor index by name (`Age` -> 0). */
export const descriptorIndex: ReadonlyMap<string, number> = new Map(
  physionetDescriptors.map((s, i) => [s.name, i]),
);

/** The observation window of the challenge: the first 48 hours in the ICU. */
export const PHYSIONET_HOURS = 48;
