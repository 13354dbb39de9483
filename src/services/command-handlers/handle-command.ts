/** Routes a parsed command to its handler: one case per command, one handler file per feature. */

import { helpText } from "../../domain/command-syntax/help-text.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { setupCopy } from "../../domain/copy/setup.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { handleAgreementCommand } from "./agreement.js";
import { handleLearningAgreementCommand } from "./agreement-learning.js";
import { handleCertificateCommand } from "./certificate.js";
import { handleCheckinCommand } from "./checkin.js";
import { handleDigestCommand } from "./digest.js";
import { handleEvaluateCommand, handleEvaluationCommand } from "./evaluate.js";
import { handleIntroCommand } from "./intro.js";
import { handleLeaveCommand } from "./leave.js";
import { handleMetCommand } from "./met.js";
import { handleMilestoneCommand } from "./milestone.js";
import { openMilestoneForm } from "./milestone-form.js";
import { handleMySettingsCommand } from "./my-settings.js";
import { handleNoreplyCommand } from "./noreply.js";
import { handlePauseNudges, handleWhyCommand } from "./nudges.js";
import { handleOutcomesCommand } from "./outcomes.js";
import { handlePortalCommand, handleReportCommand } from "./portal.js";
import { handlePreviewCommand } from "./preview.js";
import { handleReflectCommand } from "./reflect.js";
import { handleStatusCommand } from "./status.js";
import { handleTryCommand } from "./try.js";

export async function handleCommand(ctx: CommandContext, command: Command): Promise<Reply> {
  switch (command.name) {
    case "help":
      return reply(helpText(command.topic, ctx.workspace.platform));
    case "status":
      return await handleStatusCommand(ctx);
    case "noreply":
      return await handleNoreplyCommand(ctx, command);
    case "checkin":
    case "checkin.history":
      return await handleCheckinCommand(ctx, command);
    case "milestone.add":
    case "milestone.list":
    case "milestone.done":
    case "milestone.move":
    case "milestone.block":
    case "milestone.accept":
    case "milestone.reopen":
      return await handleMilestoneCommand(ctx, command);
    case "milestone.form":
      return await openMilestoneForm(ctx, command);
    case "outcomes":
      return await handleOutcomesCommand(ctx, command);
    case "evaluate":
      return await handleEvaluateCommand(ctx, command);
    case "evaluation":
      return await handleEvaluationCommand(ctx, command);
    case "certificate":
    case "certificate.confirm":
      return await handleCertificateCommand(ctx, command);
    case "agreement.show":
    case "agreement.ack":
    case "agreement.set":
    case "agreement.accept":
    case "agreement.decline":
      return await handleAgreementCommand(ctx, command);
    case "learning.title":
    case "learning.hours":
    case "learning.outcome.add":
    case "learning.outcome.rename":
    case "learning.outcome.remove":
    case "learning.criteria":
    case "learning.evaluation":
    case "learning.language":
      return await handleLearningAgreementCommand(ctx, command);
    case "leave.add":
    case "leave.list":
      return await handleLeaveCommand(ctx, command);
    case "my.hours":
    case "my.country":
    case "my.timezone":
    case "my.digests":
      return await handleMySettingsCommand(ctx, command);
    case "met":
      return await handleMetCommand(ctx, command);
    case "why":
      return await handleWhyCommand(ctx);
    case "nudges.pause":
    case "nudges.resume":
      return await handlePauseNudges(ctx, command);
    case "intro.optin":
    case "intro.optout":
    case "intro.status":
      return await handleIntroCommand(ctx, command);
    case "reflect":
      return await handleReflectCommand(ctx, command);
    case "digest":
      return await handleDigestCommand(ctx, command);
    case "portal":
      return await handlePortalCommand(ctx);
    case "report":
      return await handleReportCommand(ctx, command);
    case "try.checkin":
      return await handleTryCommand(ctx, command);
    case "preview.week":
      return await handlePreviewCommand(ctx, command);
    // The set-up desk answers these before any handler (services/setup/setup-desk.ts), as they ask the
    // platform first; they reach here only when it has no directory to ask.
    case "setup":
    case "colleagues":
    case "admins":
    case "admins.add":
    case "admins.remove":
      return reply(setupCopy.noDirectory(ctx.workspace.platform));
  }
}
