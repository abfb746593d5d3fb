// A Bifrost-shaped host for tests: the same flags, embed, version variable, plugin loading
// and log lines as transports/bifrost-http in maximhq/bifrost, in a few dozen lines.
package main

import (
	"bufio"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"plugin"
	"strings"

	"example.com/bifrost/core"
)

//go:embed all:ui
var uiFS embed.FS

// Version is stamped with -X main.Version=v<version>.
var Version string

type pluginConfig struct {
	Enabled bool           `json:"enabled"`
	Name    string         `json:"name"`
	Path    string         `json:"path"`
	Config  map[string]any `json:"config"`
}

type config struct {
	Plugins []pluginConfig `json:"plugins"`
}

func loadPlugin(pc pluginConfig) error {
	p, err := plugin.Open(pc.Path)
	if err != nil {
		return err
	}
	if sym, err := p.Lookup("Init"); err == nil {
		initFn, ok := sym.(func(config any) error)
		if !ok {
			return fmt.Errorf("failed to cast Init to func(config any) error")
		}
		if err := initFn(pc.Config); err != nil {
			return err
		}
	}
	sym, err := p.Lookup("GetName")
	if err != nil {
		return err
	}
	if _, ok := sym.(func() string); !ok {
		return fmt.Errorf("failed to cast GetName to func() string")
	}
	sym, err = p.Lookup("PreHook")
	if err != nil {
		return err
	}
	preHook, ok := sym.(func(*core.Request) (*core.Request, error))
	if !ok {
		return fmt.Errorf("failed to cast PreHook to func(*core.Request) (*core.Request, error)")
	}
	_, err = preHook(&core.Request{Model: "probe"})
	return err
}

func main() {
	appDir := flag.String("app-dir", "./bifrost-data", "application data directory (config.json, logs)")
	port := flag.String("port", "8080", "port to listen on")
	host := flag.String("host", "localhost", "host to listen on")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(Version)
		return
	}
	log.SetFlags(log.LstdFlags)
	log.Printf("bifrost %s (core %s) starting", Version, core.Version)
	if _, err := uiFS.ReadDir("ui"); err != nil {
		log.Fatalf("ui not embedded: %v", err)
	}

	var cfg config
	data, err := os.ReadFile(filepath.Join(*appDir, "config.json"))
	if err == nil {
		if err := json.Unmarshal(data, &cfg); err != nil {
			log.Fatalf("invalid config.json: %v", err)
		}
	}
	for _, pc := range cfg.Plugins {
		if !pc.Enabled {
			continue
		}
		if err := loadPlugin(pc); err != nil {
			log.Printf("failed to load plugin %s: %v", pc.Name, err)
			continue
		}
		log.Printf("plugin status: %s - active", pc.Name)
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(*host, *port))
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	log.Printf("successfully started bifrost, serving UI on http://%s", ln.Addr())
	// A bare TCP answer instead of net/http keeps the fixture quick to compile in tests.
	for {
		conn, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		// Like Bifrost: /health always answers; /metrics only with the telemetry plugin (not here).
		line, _ := bufio.NewReader(conn).ReadString('\n')
		if strings.HasPrefix(line, "GET /health ") || strings.HasPrefix(line, "HEAD /health ") {
			fmt.Fprint(conn, "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n")
		} else {
			fmt.Fprint(conn, "HTTP/1.0 404 Not Found\r\nContent-Length: 10\r\n\r\nnot found\n")
		}
		conn.Close()
	}
}
