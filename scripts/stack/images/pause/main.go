// Command pause is the pod sandbox process of the local real node, built by
// scripts/stack/images.sh because registry.k8s.io/pause cannot be pulled here.
// It holds the pod's namespaces open: it blocks until SIGINT or SIGTERM and, being
// PID 1 of the pod when the PID namespace is shared, reaps orphaned children.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

// version matches the tag the image is pushed as (scripts/stack/images.sh).
const version = "3.10.1"

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "-v" || os.Args[1] == "--version") {
		os.Stdout.WriteString("canopy pause " + version + "\n")
		return
	}
	if os.Getpid() != 1 {
		os.Stderr.WriteString("pause: warning: not PID 1, orphans will not be reaped here\n")
	}

	signals := make(chan os.Signal, 8)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGCHLD)
	for sig := range signals {
		if sig != syscall.SIGCHLD {
			os.Exit(0)
		}
		reap()
	}
}

// reap collects every exited child; SIGCHLD signals coalesce, so one may stand for many.
func reap() {
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		if pid <= 0 || err != nil {
			return
		}
	}
}
