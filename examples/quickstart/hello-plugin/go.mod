module example.com/bifrost/hello-plugin

go 1.26

require example.com/bifrost/core v1.1.0

replace example.com/bifrost/core => ../core
