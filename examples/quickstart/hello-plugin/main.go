// Plugin "hello" in the shape of examples/plugins/hello-world: exported functions the
// host looks up by name, and core types in their signatures.
package main

import "example.com/bifrost/core"

// Version is stamped with -X main.Version=v<plugin-version>.
var Version string

func GetName() string { return "hello" }

func Init(config any) error { return nil }

func PreHook(req *core.Request) (*core.Request, error) {
	_ = core.Describe(req)
	return req, nil
}

func Cleanup() error { return nil }
