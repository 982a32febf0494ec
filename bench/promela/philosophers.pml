/* Dining philosophers with one-token fork mailboxes: the Promela counterpart of
 * scenarios/classic-dining-philosophers.yaml (and, with -DREVERSED, of
 * scenarios/classic-dining-philosophers-ordered.yaml).
 *
 * fork[i] is a mailbox of capacity 1. table(i) puts its one TOKEN in, as the
 * scenario's table[i] does. A philosopher takes a fork by receiving its token and
 * puts it back by sending it; sleep/compute are no-ops for a checker, so they are
 * left out. Every process is expected to terminate: a deadlock is SPIN's
 * "invalid end state" (safety run, pan -DSAFETY).
 *
 *   spin -a -DN=7 -DMEALS=2 [-DREVERSED] philosophers.pml
 */
#ifndef N
#define N 5
#endif
#ifndef MEALS
#define MEALS 2
#endif

mtype = { TOKEN };

chan fork[N] = [1] of { mtype };

proctype table(byte i)
{
	fork[i]!TOKEN
}

/* first and second: the forks taken first and second, released in the same order */
proctype phil(byte first; byte second)
{
	byte m = 0;
	do
	:: m < MEALS ->
		fork[first]?TOKEN;
		fork[second]?TOKEN;
		/* compute */
		fork[first]!TOKEN;
		fork[second]!TOKEN;
		m++
	:: else -> break
	od
}

init
{
	byte i = 0;
	atomic {
		do
		:: i < N -> run table(i); i++
		:: else -> break
		od;
		i = 0;
		do
		:: i < N - 1 -> run phil(i, (i + 1) % N); i++
		:: else -> break
		od;
#ifdef REVERSED
		/* the last philosopher takes its right fork (fork[0]) first */
		run phil(0, N - 1)
#else
		run phil(N - 1, 0)
#endif
	}
}
