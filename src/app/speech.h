/* Spoken cues: espeak-ng as a child process that never blocks the player. */
#ifndef HIPCOACH_SPEECH_H
#define HIPCOACH_SPEECH_H

struct speech;

/*
 * A speaker, or NULL when espeak-ng is not installed (then hipcoach stays
 * silent without a word about it).
 */
struct speech *speech_open(void);
/*
 * Says `text` in the background. A cue still being spoken is cut short:
 * the newest cue is the one that matters.
 */
void speech_say(struct speech *sp, const char *text);
/* Stops speaking, reaps the child and frees the speaker; NULL is fine. */
void speech_close(struct speech *sp);

#endif
