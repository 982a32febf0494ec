/* Producers and consumers over one bounded mailbox: the Promela counterpart of
 * bench/producer-consumer.yaml.
 *
 * P producers each send M messages to jobs, a mailbox of K slots; C consumers
 * each receive P*M/C messages (C must divide P*M). Every process is expected to
 * terminate, so a deadlock shows up as SPIN's "invalid end state".
 *
 *   spin -a -DP=2 -DC=2 -DK=2 -DM=2 producer_consumer.pml
 */
#ifndef P
#define P 2
#endif
#ifndef C
#define C 2
#endif
#ifndef K
#define K 2
#endif
#ifndef M
#define M 2
#endif

mtype = { JOB };

chan jobs = [K] of { mtype };

proctype producer()
{
	byte n = 0;
	do
	:: n < M -> jobs!JOB; n++
	:: else -> break
	od
}

proctype consumer()
{
	byte n = 0;
	do
	:: n < (P * M) / C -> jobs?JOB; n++
	:: else -> break
	od
}

init
{
	byte i = 0;
	atomic {
		do
		:: i < P -> run producer(); i++
		:: else -> break
		od;
		i = 0;
		do
		:: i < C -> run consumer(); i++
		:: else -> break
		od
	}
}
