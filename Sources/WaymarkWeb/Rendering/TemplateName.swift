/// Every name a page model answers to (and `csrf`, which TemplateModel adds), so a template's
/// names are matched once when it loads and each lookup switches on a number. A field a template
/// reads needs its name here and a case in its model's `readField`; the template-fields test says
/// when a name here is read by no model.
enum TemplateName: String, CaseIterable, Sendable {
    case accepted, account, accountError, achievement, action, actions, active, activity, activityError, address, application, attempts
    case auditAbout, auditBy, auditLink, awaitingReview, badgePreview, best, blankLines, blanks, blanksNote, button, by, canInvite
    case canIssue, canLog, canReinstate, canRetake, canRetry, canRevoke, canSuspend, canTry, certificate, certificateError
    case certificateReason, certificateURL, certificates, changeCount, changes, checkError, checkHref, checkNote, checkTitle, checked
    case checks, chosenRoles, closedNote, code, comparedFolder, confirmError, contact, contactError, content, context, count, countersigned
    case countersignedHours, created, criteria, csrf, date, dateError, decisionError, decisionNotYet, decisionSuitable, decisions
    case description, detail, diagnostics, digest, done, doneHours, drafts, email, emailError, emailed, emails, encouragement, entries
    case error, events, explanation, exported, facts, failed, failures, feedback, feedbackError, field, files, finished, folder
    case folderDigest, formDate, formMinutes, formOpen, from, fromError, guidance, hasCertificate, hasChanges, hasCheck, hasErrors
    case hasFailures, hasHolder, hasMoreSessions, hasRecord, heading, headline, holder, home, homeHref, hours, hoursError, href, id, intro
    case introductionHTML, invited, isActive, isBlank, isBlanks, isChoose, isEmpty, isErased, isFalse, isInformation, isMultiple, isNumber
    case isOpen, isRead, isReflection, isRows, isRunning, isSelf, isSingle, isSupervised, isText, isThisServer, isTrue, isTrueFalse
    case isValid, issued, issuedError, issuer, items, jsonURL, jwtURL, kept, keptFor, keptPath, kind, kindHint, label, lastActivity
    case lastChecked, lastSupervision, levelError, levels, lines, link, linkedInURL, links, loadedAt, lockNote, mentorID, mentors
    case minimumWords, minutes, minutesError, missing, module, moduleHref, modules, name, nameError, nav, needed, neededHours, needs
    case newerLink, next, nextPage, nextStep, nextStepLink, nextSteps, noTriesLeft, note, noteError, notes, notice, number, numberError
    case objectives, offersPNG, olderLink, open, options, organisation, othersNext, outcome, outcomeClass, outcomeComplete, outcomeError
    case outcomeFollowUp, overdueMentors, overdueNote, pageCount, pageNumber, passMark, passed, passedAlready, passwordError, people
    case percent, person, pieces, pngNote, practice, preview, previousPage, problem, problemLines, problems, problemsHeading, problemsHref
    case profile, programme, programmeError, programmes, prompt, promptHTML, promptID, qrSVG, questions, rationale, rationaleError
    case reasonError, recentSessions, recordDecidedBy, recordDecision, recordIssued, recordLevel, recordNumber, recruitment
    case recruitmentTerms, refusal, refused, renewal, revisit, revisitError, roleChoices, roleError, roles, rolesError, rowProblems, rows
    case runningDigest, runningVersion, sectionsHTML, selected, sendsEmail, sent, sentBackFeedback, sentOn, serverName, servers, sessions
    case setting, settingError, showingFrom, showingTo, stage, stages, state, status, statusClass, statusLabel, statusNote, storedAt
    case storedBy, supersededBy, supervisorError, supervisors, text, textError, texts, timeline, title, to, toCountersign, toError, today
    case total, traineeID, trainees, traineesInProgress, triesNote, triesUsedUp, tryReason, tryReasonError, typed, unit, unitHref, updated
    case validUntil, value, verifyURL, version, versions, vetting, viewings, waitUntil, waiting, warnings, wellbeing, wellbeingError
    case wellbeingGood, wellbeingNeeds, wellbeingSome, what, when, who, why, words, wordsHTML, writing, yourAnswer
}
