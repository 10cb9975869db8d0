#!/usr/bin/perl
# A client that speaks to the server exactly as Event::Lite 0.005's Perl
# Subscriber and Publisher do (see shared/event-lite-wire.md): an unterminated
# subscribe line, replies compared after chomp, 1 MiB reads split on "\n\n",
# and publish bodies that are pretty JSON in 76-column MIME base64 with
# nothing after the final LF. Core modules only, so it runs on any perl 5.14+.
#
#   event-lite-client.pl HOST PORT subscribe EVENT COUNT [USER PASS]
#       prints "ok" or the refusal, then one line of canonical JSON per event
#   event-lite-client.pl HOST PORT publish EVENT COUNT [USER PASS]
#       publishes COUNT events {"seq": i, ...} on one connection; prints each reply
use strict;
use warnings;
use IO::Socket::INET;
use MIME::Base64 qw(encode_base64 decode_base64);
use JSON::PP;

my ($host, $port, $mode, $event, $count, $user, $pass) = @ARGV;
die "usage: $0 HOST PORT subscribe|publish EVENT COUNT [USER PASS]\n" unless defined $count;
$user = '' unless defined $user;
$pass = '' unless defined $pass;
$| = 1;

my $socket = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port, Proto => 'tcp')
    or die "connect: $!\n";

if ($mode eq 'subscribe') {
    # As Event::Lite::Subscriber's child_loop reads: whatever one read brings, chomped, is
    # compared whole with the replies; anything else is split at blank lines and every piece
    # decoded as an event. A read holding "ok" and a frame therefore dies here, as it does there.
    $socket->send("subscribe/$event:$user|$pass");
    my $json = JSON::PP->new->canonical;
    my $seen = 0;
    while ($seen < $count) {
        my $buffer = '';
        $socket->recv($buffer, 1024 * 1024);
        die "server closed the connection\n" unless length $buffer;
        chomp($buffer);
        if ($buffer eq 'ok') {
            print "ok\n";
            next;
        }
        if ($buffer eq 'permission denied') {
            print "$buffer\n";
            exit 1;
        }
        foreach my $piece (grep { length } split /\n\n/, $buffer) {
            my $data = decode_json(decode_base64($piece));
            print $json->encode($data), "\n";
            $seen++;
        }
    }
} elsif ($mode eq 'publish') {
    my $json = JSON::PP->new->pretty->canonical;
    for my $seq (0 .. $count - 1) {
        my $body = encode_base64($json->encode({ event => $event, seq => $seq, from => 'perl',
            text => 'a value long enough that the base64 wraps onto a second line of 76 columns' }));
        $socket->send("publish/$event:$user|$pass\n\n$body");
        my $reply = '';
        $socket->recv($reply, 1024);
        chomp($reply);
        print "$reply\n";
        warn "publish $seq: $reply\n" unless $reply eq 'ok';
    }
} else {
    die "unknown mode $mode\n";
}
