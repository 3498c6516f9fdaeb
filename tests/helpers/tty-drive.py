#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
#
# tty-drive.py SCRIPT TRANSCRIPT -- COMMAND...
# Runs COMMAND on a pseudo-terminal and plays SCRIPT against it, one step
# a line:
#   expect REGEX     wait (10 s at most) until the screen output matches
#   type TEXT        type TEXT; \r \t \x1b and other Python escapes work
#   exit STATUS      wait for COMMAND to end with STATUS
# Everything COMMAND wrote goes to TRANSCRIPT.  Exits 0 when every step
# held, 1 with the failed step otherwise.
import os, pty, re, select, sys, time

def main():
    script, transcript = sys.argv[1], sys.argv[2]
    cmd = sys.argv[sys.argv.index('--') + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    seen = b''
    mark = 0  # expect looks at output after the previous match
    log = open(transcript, 'wb')

    def pump(timeout):
        nonlocal seen
        r, _, _ = select.select([fd], [], [], timeout)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return False
            if not data:
                return False
            seen += data
            log.write(data)
            log.flush()
        return True

    for n, line in enumerate(open(script), 1):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        verb, _, arg = line.partition(' ')
        if verb == 'type':
            text = arg.encode().decode('unicode_escape').encode('latin-1')
            for b in text:
                os.write(fd, bytes([b]))
                time.sleep(0.005)
        elif verb == 'expect':
            pat = re.compile(arg.encode(), re.S)
            deadline = time.time() + 10
            while True:
                m = pat.search(seen, mark)
                if m:
                    mark = m.end()
                    break
                if time.time() > deadline or not pump(0.05) and not pat.search(seen, mark):
                    if time.time() > deadline:
                        print('step %d: no output matching %r; tail: %r' % (n, arg, seen[-300:]))
                        return 1
        elif verb == 'exit':
            deadline = time.time() + 10
            while time.time() < deadline:
                pump(0.05)
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    code = os.waitstatus_to_exitcode(status)
                    if code != int(arg):
                        print('step %d: exit status %d, expected %s' % (n, code, arg))
                        return 1
                    break
            else:
                print('step %d: still running after 10 s' % n)
                return 1
        else:
            print('step %d: unknown verb %r' % (n, verb))
            return 1
    return 0

sys.exit(main())
