import { TutorialStatus } from '../generated/prisma/client';
import { initialStatus, isVisible, nextStatus, TutorialRole } from './tutorial-rules';

const { DRAFT, PENDING, PUBLISHED, HIDDEN } = TutorialStatus;
const author: TutorialRole = { isAuthor: true, canWrite: true, canPublish: false };
const publishingAuthor: TutorialRole = { ...author, canPublish: true };
const publisher: TutorialRole = { isAuthor: false, canWrite: true, canPublish: true };
const reader: TutorialRole = { isAuthor: false, canWrite: true, canPublish: false };
const mutedAuthor: TutorialRole = { isAuthor: true, canWrite: false, canPublish: false };

const denied = expect.objectContaining({ code: 1042 });

describe('tutorial rules', () => {
  it('starts a tutorial as a draft, published, or pending a publisher', () => {
    expect(initialStatus(false, true)).toBe(DRAFT);
    expect(initialStatus(true, true)).toBe(PUBLISHED);
    expect(initialStatus(true, false)).toBe(PENDING);
  });

  it('shows published tutorials to everyone and the others to their author and publishers', () => {
    for (const status of [DRAFT, PENDING, HIDDEN]) {
      expect(isVisible(status, reader)).toBe(false);
      expect(isVisible(status, author)).toBe(true);
      expect(isVisible(status, publisher)).toBe(true);
    }
    expect(isVisible(PUBLISHED, reader)).toBe(true);
  });

  it.each([
    [DRAFT, { contentChanged: true }, DRAFT],
    [DRAFT, { contentChanged: false, status: PENDING }, PENDING],
    [DRAFT, { contentChanged: false, status: PUBLISHED }, PENDING],
    [PUBLISHED, { contentChanged: true }, PENDING],
    [PUBLISHED, { contentChanged: true, status: DRAFT }, DRAFT],
    [PUBLISHED, { contentChanged: false }, PUBLISHED],
    [PUBLISHED, { contentChanged: false, status: PUBLISHED }, PUBLISHED],
    [PUBLISHED, { contentChanged: true, status: PUBLISHED }, PENDING],
    [HIDDEN, { contentChanged: true }, HIDDEN],
    [HIDDEN, { contentChanged: false, status: PENDING }, PENDING],
  ])('moves an author’s %s tutorial on %j to %s', (current, change, expected) => {
    expect(nextStatus(current, change, author)).toBe(expected);
  });

  it('keeps an author holding tutorial.publish published through their edits', () => {
    expect(nextStatus(PUBLISHED, { contentChanged: true }, publishingAuthor)).toBe(PUBLISHED);
    expect(nextStatus(DRAFT, { contentChanged: false, status: PUBLISHED }, publishingAuthor)).toBe(PUBLISHED);
  });

  it('lets a publisher set any status of anyone’s tutorial, but not rewrite it', () => {
    for (const status of [DRAFT, PENDING, PUBLISHED, HIDDEN]) {
      expect(nextStatus(PENDING, { contentChanged: false, status }, publisher)).toBe(status);
    }
    expect(() => nextStatus(PUBLISHED, { contentChanged: true }, publisher)).toThrow(denied);
  });

  it('refuses (1042) hiding by an author, any change by others, and authors whose group lost tutorial.write', () => {
    expect(() => nextStatus(PUBLISHED, { contentChanged: false, status: HIDDEN }, author)).toThrow(denied);
    expect(() => nextStatus(PUBLISHED, { contentChanged: false, status: DRAFT }, reader)).toThrow(denied);
    expect(() => nextStatus(PUBLISHED, { contentChanged: true }, reader)).toThrow(denied);
    expect(() => nextStatus(DRAFT, { contentChanged: true }, mutedAuthor)).toThrow(denied);
    expect(() => nextStatus(DRAFT, { contentChanged: false, status: PENDING }, mutedAuthor)).toThrow(denied);
  });
});
