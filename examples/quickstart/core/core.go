// Package core stands in for github.com/maximhq/bifrost/core: the module the host and its
// plugins share, whose version must match for a plugin to load.
package core

// Request is what plugins receive in their hooks.
type Request struct {
	Model    string
	Provider string
}

// Version of this module, so a mismatch is visible in the host's log too.
const Version = "v1.1.0"

// Describe is called by host and plugins alike.
func Describe(r *Request) string { return "request for " + r.Provider + "/" + r.Model }
