/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_ethdev.h>

#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_port.h"
#include "mpt_signal.h"

static void
list_ports(char *buf, size_t len)
{
	size_t used = 0;
	uint16_t port;

	buf[0] = '\0';
	RTE_ETH_FOREACH_DEV(port)
		if (!mpt_list_append(buf, len, &used, port, port))
			break;
	if (used == 0)
		snprintf(buf, len, "none");
}

int
mpt_ports_from_mask(uint64_t mask, bool pairs, struct mpt_port_set *set,
		    char *err, size_t errlen)
{
	char present[128];
	unsigned int bit;

	memset(set, 0, sizeof(*set));
	for (bit = 0; bit < 64; bit++) {
		if ((mask & (1ULL << bit)) == 0)
			continue;
		if (bit >= RTE_MAX_ETHPORTS ||
		    !rte_eth_dev_is_valid_port((uint16_t)bit)) {
			list_ports(present, sizeof(present));
			mpt_errbuf(err, errlen, "port mask 0x%" PRIx64 " selects port %u, which does not exist; ports present: %s",
				   mask, bit, present);
			return MPT_EXIT_PORT;
		}
		set->ids[set->n++] = (uint16_t)bit;
	}
	if (pairs && (set->n & 1)) {
		mpt_errbuf(err, errlen, "port mask 0x%" PRIx64 " selects %u ports; ports are forwarded in pairs, so an even number is needed",
			   mask, set->n);
		return MPT_EXIT_PORT;
	}
	return 0;
}

uint64_t
mpt_ports_mask(const struct mpt_port_set *set)
{
	uint64_t mask = 0;
	unsigned int i;

	for (i = 0; i < set->n; i++)
		mask |= 1ULL << set->ids[i];
	return mask;
}

int
mpt_ports_queue_limits(const struct mpt_port_set *set, uint16_t *max_rxq,
		       uint16_t *max_txq, char *err, size_t errlen)
{
	struct rte_eth_dev_info info;
	unsigned int i;
	int ret;

	*max_rxq = UINT16_MAX;
	*max_txq = UINT16_MAX;
	for (i = 0; i < set->n; i++) {
		ret = rte_eth_dev_info_get(set->ids[i], &info);
		if (ret != 0) {
			mpt_errbuf(err, errlen, "cannot get the device information of port %u: %s",
				   set->ids[i], rte_strerror(-ret));
			return MPT_EXIT_PORT;
		}
		*max_rxq = RTE_MIN(*max_rxq, info.max_rx_queues);
		*max_txq = RTE_MIN(*max_txq, info.max_tx_queues);
	}
	return 0;
}

static int
port_fail(char *err, size_t errlen, uint16_t port, const char *step, int ret)
{
	mpt_errbuf(err, errlen, "cannot set up port %u: %s failed: %s", port,
		   step, rte_strerror(ret < 0 ? -ret : ret));
	return MPT_EXIT_PORT;
}

static int
configure(uint16_t port, const struct mpt_port_conf *conf,
	  const struct rte_eth_dev_info *info, struct rte_eth_conf *pc)
{
	int ret;

	memset(pc, 0, sizeof(*pc));
	pc->txmode.mq_mode = RTE_ETH_MQ_TX_NONE;
	if (info->tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE)
		pc->txmode.offloads |= RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	if (conf->rss) {
		pc->rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		pc->rxmode.offloads = RTE_ETH_RX_OFFLOAD_CHECKSUM;
		pc->rx_adv_conf.rss_conf.rss_hf =
			RTE_ETH_RSS_IP & info->flow_type_rss_offloads;
		if (pc->rx_adv_conf.rss_conf.rss_hf != RTE_ETH_RSS_IP)
			mpt_note("port %u: RSS on IP reduced to hash functions %#" PRIx64 ", what the device supports",
				 port, pc->rx_adv_conf.rss_conf.rss_hf);
	}

	ret = rte_eth_dev_configure(port, conf->nb_rxq, conf->nb_txq, pc);
	if (ret == -EINVAL && conf->rss) {
		mpt_note("port %u: configuration refused (EINVAL); retrying without receive checksum offload",
			 port);
		pc->rxmode.offloads &= ~RTE_ETH_RX_OFFLOAD_CHECKSUM;
		ret = rte_eth_dev_configure(port, conf->nb_rxq, conf->nb_txq, pc);
	}
	if (ret == -ENOTSUP && conf->rss) {
		mpt_note("port %u: configuration refused (ENOTSUP); retrying without RSS",
			 port);
		pc->rxmode.mq_mode = RTE_ETH_MQ_RX_NONE;
		pc->rx_adv_conf.rss_conf.rss_hf = 0;
		ret = rte_eth_dev_configure(port, conf->nb_rxq, conf->nb_txq, pc);
	}
	return ret;
}

/*
 * net_pcap on a live interface with iface=X captures both directions, and
 * rx_iface=X on the interface it also sends on (tx_iface=X) sees what it
 * sent: a forwarding port would read its own packets back for ever (3
 * pings through a group came back as 207,826).  rx_iface_in= captures
 * what comes in only.
 */
static int
check_pcap_live_loop(uint16_t port, const struct rte_eth_dev_info *info,
		     char *err, size_t errlen)
{
	const struct rte_devargs *da;
	char rx[64], tx[64];

	if (info->device == NULL || info->driver_name == NULL ||
	    strcmp(info->driver_name, "net_pcap") != 0)
		return 0;
	da = rte_dev_devargs(info->device);
	if (da == NULL || da->args == NULL)
		return 0;
	if (mpt_kv_value(da->args, ',', "iface", rx, sizeof(rx))) {
		mpt_errbuf(err, errlen, "port %u (%s) opens interface %s with iface=, which also captures what the port sends: forwarding would read its own packets back; give rx_iface_in=%s,tx_iface=%s instead",
			   port, rte_dev_name(info->device), rx, rx, rx);
		return MPT_EXIT_PORT;
	}
	if (mpt_kv_value(da->args, ',', "rx_iface", rx, sizeof(rx)) &&
	    mpt_kv_value(da->args, ',', "tx_iface", tx, sizeof(tx)) &&
	    strcmp(rx, tx) == 0) {
		mpt_errbuf(err, errlen, "port %u (%s) reads interface %s with rx_iface=, which also captures what the port sends there (tx_iface=%s): give rx_iface_in=%s instead",
			   port, rte_dev_name(info->device), rx, tx, rx);
		return MPT_EXIT_PORT;
	}
	return 0;
}

int
mpt_port_setup(uint16_t port, const struct mpt_port_conf *conf, char *err,
	       size_t errlen)
{
	uint16_t nb_rxd = conf->nb_rxd ? conf->nb_rxd : MPT_PORT_DEFAULT_DESC;
	uint16_t nb_txd = conf->nb_txd ? conf->nb_txd : MPT_PORT_DEFAULT_DESC;
	const int socket = rte_eth_dev_socket_id(port);
	struct rte_eth_dev_info info;
	struct rte_eth_rxconf rxq_conf;
	struct rte_eth_txconf txq_conf;
	struct rte_eth_conf pc;
	uint16_t q;
	int ret;

	ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return port_fail(err, errlen, port, "getting device information", ret);
	ret = check_pcap_live_loop(port, &info, err, errlen);
	if (ret != 0)
		return ret;
	if (conf->nb_rxq > info.max_rx_queues || conf->nb_txq > info.max_tx_queues) {
		mpt_errbuf(err, errlen, "port %u supports %u rx and %u tx queues; %u and %u are needed",
			   port, info.max_rx_queues, info.max_tx_queues,
			   conf->nb_rxq, conf->nb_txq);
		return MPT_EXIT_PORT;
	}
	ret = configure(port, conf, &info, &pc);
	if (ret < 0)
		return port_fail(err, errlen, port, "rte_eth_dev_configure", ret);
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(port, &nb_rxd, &nb_txd);
	if (ret < 0)
		return port_fail(err, errlen, port, "adjusting descriptor counts", ret);

	rxq_conf = info.default_rxconf;
	rxq_conf.offloads = pc.rxmode.offloads;
	rxq_conf.rx_drop_en = 1;
	for (q = 0; q < conf->nb_rxq; q++) {
		ret = rte_eth_rx_queue_setup(port, q, nb_rxd, socket, &rxq_conf,
					     conf->pool);
		if (ret < 0)
			return port_fail(err, errlen, port, "rx queue set-up", ret);
	}
	txq_conf = info.default_txconf;
	txq_conf.offloads = pc.txmode.offloads;
	for (q = 0; q < conf->nb_txq; q++) {
		ret = rte_eth_tx_queue_setup(port, q, nb_txd, socket, &txq_conf);
		if (ret < 0)
			return port_fail(err, errlen, port, "tx queue set-up", ret);
	}
	ret = rte_eth_promiscuous_enable(port);
	if (ret != 0 && ret != -ENOTSUP)
		return port_fail(err, errlen, port, "enabling promiscuous mode", ret);
	ret = rte_eth_dev_start(port);
	if (ret < 0)
		return port_fail(err, errlen, port, "rte_eth_dev_start", ret);
	return 0;
}

unsigned int
mpt_ports_wait_link(const struct mpt_port_set *set, unsigned int timeout_ms)
{
	struct rte_eth_link link;
	unsigned int waited, i, down = 0;

	for (waited = 0;; waited += 100) {
		down = 0;
		for (i = 0; i < set->n; i++) {
			memset(&link, 0, sizeof(link));
			if (rte_eth_link_get_nowait(set->ids[i], &link) != 0 ||
			    link.link_status == RTE_ETH_LINK_DOWN)
				down++;
		}
		if (down == 0 || waited >= timeout_ms || mpt_stop_requested())
			break;
		rte_delay_ms(100);
	}
	for (i = 0; i < set->n && down > 0; i++) {
		memset(&link, 0, sizeof(link));
		if (rte_eth_link_get_nowait(set->ids[i], &link) != 0 ||
		    link.link_status == RTE_ETH_LINK_DOWN)
			mpt_warn("port %u: link still down after %u ms; going on",
				 set->ids[i], timeout_ms);
	}
	return down;
}

void
mpt_ports_close(const struct mpt_port_set *set)
{
	unsigned int i;

	for (i = 0; i < set->n; i++) {
		rte_eth_dev_stop(set->ids[i]);
		rte_eth_dev_close(set->ids[i]);
	}
}

bool
mpt_port_frees_on_tx(uint16_t port)
{
	static const char *const names[] = {
		"net_pcap", "net_null", "net_tap", "net_af_packet",
	};
	struct rte_eth_dev_info info;
	unsigned int i;

	if (rte_eth_dev_info_get(port, &info) != 0 || info.driver_name == NULL)
		return false;
	for (i = 0; i < RTE_DIM(names); i++)
		if (strcmp(info.driver_name, names[i]) == 0)
			return true;
	return false;
}
