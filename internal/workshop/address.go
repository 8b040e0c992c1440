package workshop

import (
	"net"
	"os"
	"strconv"
)

// JoinCommand is what participants type to join a room listening on addr:
// "ssh -p 2222 10.0.0.5". When the server listens on every address, it
// names this machine's first non-loopback IPv4 address (or its host name);
// behind NAT or a tunnel the facilitator must say the public one.
func JoinCommand(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "ssh " + addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		host = localAddress()
	}
	if tcp.Port == 22 {
		return "ssh " + host
	}
	return "ssh -p " + strconv.Itoa(tcp.Port) + " " + host
}

// localAddress is this machine's first non-loopback IPv4 address, else its
// host name.
func localAddress() string {
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
				return ipn.IP.String()
			}
		}
	}
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "HOST"
}
