module example.com/bifrost/core

go 1.22
