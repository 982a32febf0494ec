/* Dining philosophers with fork servers over rendezvous channels: the first row of
 * the checker-performance issue, and the Promela counterpart of bench/fork-servers.yaml.
 *
 * fork[i] is a rendezvous channel ([0]). server(i) guards fork i: it receives ACQ,
 * then REL, forever. Each philosopher, forever: sends ACQ to its first fork and to
 * its second, then REL to both. Philosopher i < N-1 takes fork[i] then fork[i+1];
 * the last one is reversed (fork[0] then fork[N-1]), so there is no deadlock and
 * pan's safety run (pan -DSAFETY: invalid end states) explores everything.
 * With -DRING the last one takes fork[N-1] then fork[0] like the others: a ring
 * that deadlocks when every philosopher holds its first fork.
 *
 * Semantics differ from ipcsim's here: in Promela a rendezvous is one transition,
 * taken when both sides are at their statements, and a process at a `!` with no
 * partner is simply not executable. Every state is fixed by who holds each fork:
 * 3^N states (plus init's), 2N * 3^(N-1) transitions (plus init's two).
 *
 *   spin -a -DN=12 fork_servers.pml      # 531,442 states, 4,251,530 transitions
 */
#ifndef N
#define N 5
#endif

mtype = { ACQ, REL };

chan fork[N] = [0] of { mtype };

proctype server(byte i)
{
	do
	:: fork[i]?ACQ; fork[i]?REL
	od
}

/* first and second: the forks taken first and second, released in the same order */
proctype phil(byte first; byte second)
{
	do
	:: fork[first]!ACQ;
	   fork[second]!ACQ;
	   fork[first]!REL;
	   fork[second]!REL
	od
}

init
{
	byte i = 0;
	atomic {
		do
		:: i < N -> run server(i); i++
		:: else -> break
		od;
		i = 0;
		do
		:: i < N - 1 -> run phil(i, i + 1); i++
		:: else -> break
		od;
#ifdef RING
		run phil(N - 1, 0)
#else
		/* the reversed one: its right fork (fork[0]) first */
		run phil(0, N - 1)
#endif
	}
}
