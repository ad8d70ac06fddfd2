import { caseFigures } from "../cases/figures";
import { deliberationFigures } from "../deliberation/figures";
import { partnerFigures } from "../partners/figures";
import { patrolFigures } from "../patrols/figures";
import { registryFigures } from "../registry/figures";
import { enterpriseFigures } from "../enterprise/figures";
import { inspectionFigures } from "../inspections/figures";
import { billboardFigures } from "../inspections/billboard-figures";
import { partyFigures } from "../party/figures";
import { partyCommitteeFigures } from "../party/committee-figures";
import type { FigureSource } from "./figure-source";

/**
 * Every module's figures, as the work report lays them out (sections in REPORT_SECTIONS order).
 * A module that has figures to report adds its FigureSource here with one line.
 */
export const FIGURE_SOURCES: FigureSource[] = [
  caseFigures,
  patrolFigures,
  deliberationFigures,
  partnerFigures,
  partyFigures,
  partyCommitteeFigures,
  registryFigures,
  enterpriseFigures,
  inspectionFigures,
  billboardFigures,
];
